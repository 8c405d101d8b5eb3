using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Benchmarks.CrashSafety;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Npgsql;

namespace Mys.Signing.Benchmarks.Pages;

/// <summary>What the page measurement fetches: the demo units and the ids of real rows (kept next to the seeded database).</summary>
internal sealed record PagesSeed(int Count, Guid SpendingUnit, Guid AccountingUnit, IReadOnlyList<Guid> Signed, IReadOnlyList<Guid> Bulk)
{
    private const int SignedCount = 100;
    private const int SpendingUnits = 100;
    private const int AccountingUnits = 10;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static PagesSeed? Read(string file) =>
        File.Exists(file) ? JsonSerializer.Deserialize<PagesSeed>(File.ReadAllText(file)) : null;

    public void Write(string file) => File.WriteAllText(file, JsonSerializer.Serialize(this, Json));

    /// <summary>
    /// A fresh database with the demo organisation, <see cref="SignedCount"/> ÖEBs really signed by both signers through
    /// the signing API (dev card) on the app as its own process, then <paramref name="count"/> ÖEBs cloned from one of them
    /// in SQL across 100 spending units of 10 accounting units, five budget years and every state (the sent ones share the
    /// template's signed document, under their own verification code); VACUUM ANALYZE. Returns the database's temporary
    /// name (the caller renames it) and the seed.
    /// </summary>
    public static async Task<(TestDatabase Database, PagesSeed Seed)> CreateAsync(int count, Dictionary<string, string> settings, string configuration)
    {
        var database = await TestDatabase.CreateAsync();
        var port = new Uri(settings["Mys:PublicBaseUrl"]).Port;
        var watch = Stopwatch.StartNew();
        IReadOnlyList<Guid> signed;
        await using (var harness = new MysAppFactory(database, new Dictionary<string, string>(settings) { ["Serilog:MinimumLevel:Default"] = "Warning" }))
        {
            _ = harness.Services;
            var environment = CrashSafetyMeasurement.NodeEnvironment(database, settings);
            environment["Serilog__MinimumLevel__Default"] = "Warning";
            await using var node = new AppNode(port, environment, configuration);
            await node.StartAsync();
            signed = await TestPaymentOrders.CreateAwaitingSignatureAsync(harness.Services, SignedCount);
            using var officer = await NodeUser.LogInAsync(node, Tckn(Role.RealizationOfficer));
            using var authority = await NodeUser.LogInAsync(node, Tckn(Role.SpendingAuthority));
            foreach (var batch in signed.Chunk(25))
            {
                await SigningApi.SignAsync(officer.Client, DevCardSigner.For(harness.Services, Role.RealizationOfficer), batch);
                await SigningApi.SignAsync(authority.Client, DevCardSigner.For(harness.Services, Role.SpendingAuthority), batch);
            }
        }

        Console.WriteLine($"seed: {signed.Count} ÖEBs signed by both signers in {watch.Elapsed.TotalSeconds:0} s");
        watch.Restart();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await ExecuteAsync(dataSource, UnitsSql());
        await ExecuteAsync(dataSource, await OrdersSqlAsync(dataSource, signed[0], count));
        await ExecuteAsync(dataSource, DocumentsSql(signed[0]));
        Console.WriteLine($"seed: {count:N0} ÖEBs cloned in SQL in {watch.Elapsed.TotalSeconds:0} s");
        watch.Restart();
        await ExecuteAsync(dataSource, "VACUUM ANALYZE");
        Console.WriteLine($"seed: VACUUM ANALYZE in {watch.Elapsed.TotalSeconds:0} s");
        var bulk = new List<Guid>();
        await using (var sample = dataSource.CreateCommand(
            $"SELECT \"Id\" FROM \"PaymentOrders\" WHERE \"SpendingUnitId\" = '{DemoData.SpendingUnitId}' AND \"Number\" LIKE 'U/%' ORDER BY \"Number\" LIMIT 400"))
        await using (var reader = await sample.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                bulk.Add(reader.GetGuid(0));
            }
        }

        return (database, new PagesSeed(count, DemoData.SpendingUnitId, DemoData.AccountingUnitId, signed, bulk));
    }

    private static string Tckn(Role role) => DemoData.Accounts.First(a => a.Role == role).Tckn;

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 3600;
        await command.ExecuteNonQueryAsync();
    }

    // Spending unit 0 is the demo unit (a tenth of all ÖEBs: a big unit), 1..99 new ones; accounting unit of spending unit
    // i is i % 10, where 0 is the demo accounting unit (so its inbox holds the demo unit's ÖEBs and nine others').
    private static string UnitsSql() => string.Create(CultureInfo.InvariantCulture, $"""
        INSERT INTO "AccountingUnits" ("Id", "InstitutionId", "Name", "Code")
        SELECT md5('pages-au-' || a)::uuid, '{DemoData.InstitutionId}', 'Ölçüm Muhasebe Birimi ' || a, 'PM.' || lpad(a::text, 3, '0')
        FROM generate_series(1, {AccountingUnits - 1}) a;
        INSERT INTO "SpendingUnits" ("Id", "InstitutionId", "Name", "InstitutionalCode", "AccountingUnitId")
        SELECT md5('pages-su-' || s)::uuid, '{DemoData.InstitutionId}', 'Ölçüm Harcama Birimi ' || s, 'P' || lpad(s::text, 10, '0'),
            CASE WHEN s % {AccountingUnits} = 0 THEN '{DemoData.AccountingUnitId}'::uuid ELSE md5('pages-au-' || (s % {AccountingUnits}))::uuid END
        FROM generate_series(1, {SpendingUnits - 1}) s;
        """);

    // Every column copied from the template (one really signed ÖEB) but the identity, number, dates, units, amount, payee
    // and state. n runs in document-date order over five budget years; the newest fifth is still moving (drafts, awaiting
    // signatures, sent), the older ones mostly accepted, some returned or cancelled.
    private static async Task<string> OrdersSqlAsync(NpgsqlDataSource dataSource, Guid template, int count)
    {
        await using var columns = dataSource.CreateCommand(
            "SELECT string_agg(quote_ident(column_name), ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'PaymentOrders'");
        var list = ((string)(await columns.ExecuteScalarAsync())!).Split(',');
        var unsigned = "CASE WHEN st < 3 THEN NULL ELSE t.{0} END";
        var notYetSent = "CASE WHEN st < 4 THEN NULL ELSE t.{0} END";
        var replaced = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["\"Id\""] = "gen_random_uuid()",
            ["\"Number\""] = "'U/' || lpad(n::text, 7, '0')",
            ["\"DocumentDate\""] = "day",
            ["\"BudgetYear\""] = "extract(year FROM day)::int",
            ["\"SpendingUnitId\""] = "su",
            ["\"AccountingUnitId\""] = "au",
            ["\"GrossAmount\""] = "100 + (n % 50000) + 0.25",
            ["\"Payee_Name\""] = "'Hak Sahibi ' || (n % 20000)",
            ["\"Status\""] = "st",
            ["\"CreatedAt\""] = "day::timestamptz",
            ["\"SentAt\""] = "CASE WHEN st IN (4, 5, 6) THEN day + interval '2 days' + make_interval(secs => n % 86400) END",
        };
        foreach (var column in list.Where(c => c.StartsWith("\"RealizationSignature_", StringComparison.Ordinal)))
        {
            replaced[column] = string.Format(CultureInfo.InvariantCulture, unsigned, column);
        }

        foreach (var column in list.Where(c => c.StartsWith("\"SpendingAuthoritySignature_", StringComparison.Ordinal)))
        {
            replaced[column] = string.Format(CultureInfo.InvariantCulture, notYetSent, column);
        }

        var select = string.Join(',', list.Select(c => replaced.GetValueOrDefault(c, "t." + c)));
        return string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO "PaymentOrders" ({string.Join(',', list)})
            SELECT {select}
            FROM "PaymentOrders" t,
            LATERAL (SELECT n, DATE '2022-01-01' + (n::bigint * 1825 / {count})::int AS day,
                CASE WHEN n % 10 = 0 THEN 0 ELSE 1 + n % {SpendingUnits - 1} END AS s
                FROM generate_series(1, {count}) n) g,
            LATERAL (SELECT CASE WHEN g.s = 0 THEN '{DemoData.SpendingUnitId}'::uuid ELSE md5('pages-su-' || g.s)::uuid END AS su,
                CASE WHEN g.s % {AccountingUnits} = 0 THEN '{DemoData.AccountingUnitId}'::uuid ELSE md5('pages-au-' || (g.s % {AccountingUnits}))::uuid END AS au,
                CASE WHEN g.n > {count} * 0.8 THEN (ARRAY[1, 2, 3, 4, 4, 5, 5, 6])[1 + g.n % 8]
                     WHEN g.n % 20 = 0 THEN 6 WHEN g.n % 50 = 1 THEN 7 ELSE 5 END AS st) u
            WHERE t."Id" = '{template}'
            """);
    }

    // The sent clones show the template's signed document (same stored bytes), each under its own verification code.
    private static string DocumentsSql(Guid template) => $"""
        INSERT INTO "SignedPaymentOrderDocuments" ("PaymentOrderId", "VerificationCode", "RenderedSha256", "CurrentSha256", "Stage", "RenderedAt", "UpdatedAt")
        SELECT o."Id", 'Z' || lpad(row_number() OVER ()::text, 15, '0'), d."RenderedSha256", d."CurrentSha256", d."Stage", d."RenderedAt", d."UpdatedAt"
        FROM "PaymentOrders" o, "SignedPaymentOrderDocuments" d
        WHERE d."PaymentOrderId" = '{template}' AND o."Number" LIKE 'U/%' AND o."Status" IN (4, 5, 6)
        """;
}
