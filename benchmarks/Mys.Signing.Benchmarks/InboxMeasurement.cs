using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Organisation;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Npgsql;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// The accounting inbox with N sent ÖEBs (default 100,000) in one accounting unit of a fresh database: runs the
/// page's own query (<see cref="AccountingInboxQuery"/>: counts per state + first page) repeatedly and reports
/// p50/p95/max, unfiltered, by state, by spending unit and by payee search.
/// Run: MYS_TEST_PG_ADMIN=… dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- inbox [count] [iterations]
/// MYS_BENCH_SQL=1 prints each case's SQL once; MYS_BENCH_KEEP_DB=1 keeps the database (for EXPLAIN ANALYZE in psql).
/// </summary>
internal static class InboxMeasurement
{
    private static readonly FixedAuditActorAccessor Actors = new(AuditActor.System("inbox-measurement"));

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var admin = Environment.GetEnvironmentVariable("MYS_TEST_PG_ADMIN")
                    ?? throw new InvalidOperationException("Set MYS_TEST_PG_ADMIN to the cluster's admin connection string.");
        var database = "mys_bench_" + Guid.NewGuid().ToString("N");
        await UploadMeasurement.ExecuteAsync(admin, $"CREATE DATABASE \"{database}\"");
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        try
        {
            await DatabaseMigrator.MigrateAsync(connection, appRole: null);
            var (accountingUnit, spendingUnit) = await SeedAsync(connection, count);
            var options = new DbContextOptionsBuilder<MysDbContext>().UseNpgsql(connection).Options;
            Console.WriteLine($"{count:N0} sent ÖEBs in one accounting unit; {iterations} runs per case (first page of 25 + counts per state); load average {SigningBatchMeasurement.LoadAverage()}");
            await MeasureAsync(options, "unfiltered", new AccountingInboxFilter(accountingUnit), iterations);
            await MeasureAsync(options, "state=SentToAccounting", new AccountingInboxFilter(accountingUnit, PaymentOrderStatus.SentToAccounting), iterations);
            await MeasureAsync(options, "spending unit", new AccountingInboxFilter(accountingUnit, SpendingUnitId: spendingUnit), iterations);
            await MeasureAsync(options, "payee search 'Hak Sahibi 4242'", new AccountingInboxFilter(accountingUnit, PayeeContains: "Hak Sahibi 4242"), iterations);
            var to = DateOnly.FromDateTime(DateTime.UtcNow);
            await MeasureAsync(options, "sent in the last 7 days", new AccountingInboxFilter(accountingUnit, SentFrom: to.AddDays(-7), SentTo: to), iterations);
            await MeasureAsync(options, "7 days + state + spending unit", new AccountingInboxFilter(accountingUnit, PaymentOrderStatus.Accepted, spendingUnit, to.AddDays(-7), to), iterations);
            // The page's search box: a number-looking text is searched as a document number or as part of a payee name.
            await MeasureAsync(options, "search 'OLCUM/4242' (number|payee)", new AccountingInboxFilter(accountingUnit, Number: DocumentNumber.From("OLCUM/4242"), PayeeContains: "OLCUM/4242"), iterations);
            await MeasureAsync(options, "payee 'hak sahibi 99' + state", new AccountingInboxFilter(accountingUnit, PaymentOrderStatus.Returned, PayeeContains: "hak sahibi 99"), iterations);
            Console.WriteLine($"load average after: {SigningBatchMeasurement.LoadAverage()}");
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (Environment.GetEnvironmentVariable("MYS_BENCH_KEEP_DB") == "1")
            {
                Console.WriteLine($"kept database {database}");
            }
            else
            {
                await UploadMeasurement.ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            }
        }
    }

    private static async Task MeasureAsync(DbContextOptions<MysDbContext> options, string name, AccountingInboxFilter filter, int iterations)
    {
        var times = new List<double>(iterations);
        var rows = 0;
        for (var i = -10; i < iterations; i++)
        {
            // A new context per run, as per request in the app.
            await using var db = new MysDbContext(i == -10 && ShowSql ? LoggingOptions(options) : options, Actors, TimeProvider.System);
            var watch = Stopwatch.StartNew();
            var page = await AccountingInboxQuery.RunAsync(db, filter, 1, 25, default);
            watch.Stop();
            rows = page.Total;
            if (i >= 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-34} matches {rows,7:N0}  p50 {Percentile(times, 0.50),6:F1} ms  p95 {Percentile(times, 0.95),6:F1} ms  max {times[^1],6:F1} ms"));
    }

    private static bool ShowSql => Environment.GetEnvironmentVariable("MYS_BENCH_SQL") == "1";

    private static DbContextOptions<MysDbContext> LoggingOptions(DbContextOptions<MysDbContext> options) =>
        new DbContextOptionsBuilder<MysDbContext>(options).EnableSensitiveDataLogging()
            .LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]).Options;

    internal static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

    // One ÖEB through the domain and EF (so every column is as the app writes it), then cloned in SQL N times with
    // distinct numbers, payees, units, states and sending times.
    internal static async Task<(Guid AccountingUnit, Guid SpendingUnit)> SeedAsync(string connection, int count)
    {
        var options = new DbContextOptionsBuilder<MysDbContext>().UseNpgsql(connection).Options;
        var institution = Guid.NewGuid();
        var accounting = Guid.NewGuid();
        var spending = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        Guid template;
        await using (var db = new MysDbContext(options, Actors, TimeProvider.System))
        {
            db.Institutions.Add(Institution.Create(institution, "Ölçüm Kurumu").Value);
            db.AccountingUnits.Add(AccountingUnit.Create(accounting, institution, "Ölçüm Muhasebe Birimi", "06.09.001").Value);
            for (var i = 0; i < spending.Length; i++)
            {
                db.SpendingUnits.Add(SpendingUnit.Create(spending[i], institution, $"Ölçüm Harcama Birimi {i + 1}", $"38.10.00.{40 + i}", accounting).Value);
            }

            await db.SaveChangesAsync();
            var order = PaymentOrder.Create(Guid.NewGuid(), DocumentNumber.From("OLCUM/0"), today, today.Year, spending[0], accounting,
                ExpenseTypeCodes.Electricity, new Actor(Guid.NewGuid(), Role.DataEntryOfficer), now).Value;
            order.SetAmounts(Money.From(1000m), Deductions.Create().Value);
            order.SetPayee(Payee.Create("Hak Sahibi 0", TaxId.From("4540536920"), "Çankaya", Iban.From("TR330006100519786457841326"), "Ziraat Bankası").Value);
            db.PaymentOrders.Add(order);
            await db.SaveChangesAsync();
            template = order.Id;
        }

        await using var dataSource = NpgsqlDataSource.Create(connection);
        await using (var columns = dataSource.CreateCommand(
            "SELECT string_agg(quote_ident(column_name), ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'PaymentOrders'"))
        {
            var list = ((string)(await columns.ExecuteScalarAsync())!).Split(',');
            var replaced = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["\"Id\""] = "gen_random_uuid()",
                ["\"Number\""] = "'OLCUM/' || n",
                ["\"Status\""] = "4 + (n % 3)",
                ["\"SentAt\""] = "now() - make_interval(secs => n * 30)",
                ["\"SpendingUnitId\""] = $"(ARRAY['{spending[0]}','{spending[1]}','{spending[2]}']::uuid[])[1 + n % 3]",
                ["\"Payee_Name\""] = "'Hak Sahibi ' || n",
                ["\"GrossAmount\""] = "100 + n",
            };
            var select = string.Join(',', list.Select(c => replaced.GetValueOrDefault(c, "t." + c)));
            await using var insert = dataSource.CreateCommand(
                $"INSERT INTO \"PaymentOrders\" ({string.Join(',', list)}) SELECT {select} FROM \"PaymentOrders\" t, generate_series(1, {count}) n WHERE t.\"Id\" = '{template}'");
            insert.CommandTimeout = 600;
            await insert.ExecuteNonQueryAsync();
        }

        await using (var vacuum = dataSource.CreateCommand("VACUUM ANALYZE \"PaymentOrders\""))
        {
            vacuum.CommandTimeout = 600;
            await vacuum.ExecuteNonQueryAsync();
        }

        return (accounting, spending[1]);
    }
}
