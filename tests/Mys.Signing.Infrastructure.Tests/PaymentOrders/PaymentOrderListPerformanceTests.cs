using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Organisation;
using Mys.Signing.Domain.PaymentOrders;
using Npgsql;
using Xunit.Abstractions;

namespace Mys.Signing.Infrastructure.Tests.PaymentOrders;

/// <summary>
/// The first page of the ÖEB list over 100,000 ÖEBs of one spending unit (the query shape of the list page:
/// filter, newest first, 25 rows, plus the count): each filter is answered from an index, not a scan of the table.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class PaymentOrderListPerformanceTests(MigratedDatabase fixture, ITestOutputHelper output) : IClassFixture<MigratedDatabase>
{
    private const int Rows = 100_000;

    [Fact]
    public async Task The_first_page_over_100000_orders_uses_indexes_and_is_fast()
    {
        var su = Guid.NewGuid();
        var au = Guid.NewGuid();
        var institution = Guid.NewGuid();
        await using (var db = fixture.NewContext())
        {
            db.Institutions.Add(Institution.Create(institution, "Perf").Value);
            db.AccountingUnits.Add(AccountingUnit.Create(au, institution, "Perf Muhasebe", "77.01.001").Value);
            db.SpendingUnits.Add(SpendingUnit.Create(su, institution, "Perf Harcama", "77.10.00.30", au).Value);
            await db.SaveChangesAsync();
        }

        var insert = Stopwatch.StartNew();
        await fixture.Database.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO "PaymentOrders" ("Id", "Version", "Number", "DocumentDate", "BudgetYear", "SpendingUnitId", "AccountingUnitId",
                "ExpenseTypeCode", "GrossAmount", "AttachmentsDescription", "Status", "CreatedBy", "CreatedAt", "IsWetSigned",
                "Deduction_IncomeTaxWithholding", "Deduction_Other", "Deduction_SocialSecurity", "Deduction_StampDuty", "Deduction_VatWithholding",
                "Payee_Name", "Payee_TaxId", "Payee_Iban")
            SELECT gen_random_uuid(), 1, 'P/' || g, DATE '2020-01-01' + (g % 2000), 2020 + (g % 6), '{su}', '{au}',
                (ARRAY['ELEKTRIK','SU','DOGALGAZ','HABERLESME','DT_MAL','KIRA'])[1 + g % 6], (g % 50000) + 0.5, '', 1 + (g % 7), gen_random_uuid(), now(), false,
                0, 0, 0, 0, 0, 'Firma ' || md5(g::text), '4540536920', 'TR330006100519786457841326'
            FROM generate_series(1, {Rows}) AS g;
            ANALYZE "PaymentOrders";
            """));
        output.WriteLine($"inserted {Rows} rows in {insert.ElapsedMilliseconds} ms");

        var from = new DateOnly(2023, 1, 1);
        var min = Money.From(1000m);
        var max = Money.From(2000m);
        var number = DocumentNumber.From("P/54321");
        await using var read = fixture.NewContext();
        var all = read.PaymentOrders.AsNoTracking().Where(o => o.SpendingUnitId == su);
        var cases = new (string Name, IQueryable<PaymentOrder> Query)[]
        {
            ("no filter", all),
            ("state", all.Where(o => o.Status == PaymentOrderStatus.Accepted)),
            ("date range", all.Where(o => o.DocumentDate >= from && o.DocumentDate <= from.AddDays(30))),
            ("number", all.Where(o => o.Number == number)),
            ("payee contains", all.Where(o => o.Payee != null && EF.Functions.ILike(o.Payee.Name, "%a1b2%"))),
            ("amount range", all.Where(o => o.GrossAmount >= min && o.GrossAmount <= max)),
            ("expense type", all.Where(o => o.ExpenseTypeCode == "KIRA")),
        };

        foreach (var (name, query) in cases)
        {
            var page = query.OrderByDescending(o => o.DocumentDate).ThenByDescending(o => o.Number).ThenByDescending(o => o.Version).Take(25)
                .Select(o => new { o.Id, o.Number, o.DocumentDate, o.Status, Payee = o.Payee == null ? null : o.Payee.Name, o.GrossAmount });
            await page.ToListAsync(); // warm up
            await query.CountAsync();
            var watch = Stopwatch.StartNew();
            var rows = await page.ToListAsync();
            var pageMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var count = await query.CountAsync();
            var countMs = watch.Elapsed.TotalMilliseconds;
            var plan = await ExplainAsync(page.ToQueryString());
            output.WriteLine($"{name}: page {rows.Count} rows in {pageMs:0.0} ms, count {count} in {countMs:0.0} ms");
            output.WriteLine(plan);
            plan.ShouldNotContain("Seq Scan on \"PaymentOrders\"", customMessage: name);
        }
    }

    private async Task<string> ExplainAsync(string sql)
    {
        // ToQueryString declares the parameters as psql variables first; EXPLAIN the statement with them inlined.
        var lines = sql.Split('\n');
        var statement = string.Join('\n', lines.Where(l => !l.StartsWith("-- ", StringComparison.Ordinal)));
        foreach (var declaration in lines.Where(l => l.StartsWith("-- @", StringComparison.Ordinal)))
        {
            var name = declaration[3..declaration.IndexOf('=', StringComparison.Ordinal)];
            var value = declaration[(declaration.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();
            var typeNote = value.IndexOf(" (", StringComparison.Ordinal);
            statement = statement.Replace(name, typeNote > 0 ? value[..typeNote] : value, StringComparison.Ordinal);
        }

        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN " + statement, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var plan = new List<string>();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        return string.Join('\n', plan);
    }
}
