using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Organisation;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;
using Npgsql;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// Audited writes per second with N app nodes (separate OS processes: this program started again as
/// <c>audit-writes-node</c>) sharing one fresh PostgreSQL database. Each node runs C concurrent tasks; each task
/// repeats a signing-like transaction through the real <see cref="MysDbContext"/>: begin, change 4 of its own ÖEBs
/// (amounts, a field change the audit trail records) with a "PaymentOrderSigned" event each, saved in two
/// SaveChanges (two unit groups, as <c>SignatureCommit</c> does), commit — 8 audit rows per transaction.
/// While the nodes run, the parent samples pg_stat_activity for sessions waiting on an advisory lock.
/// Run: MYS_TEST_PG_ADMIN=… dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- audit-writes [nodes] [concurrency] [seconds]
/// </summary>
internal static class AuditWritesMeasurement
{
    private const int OrdersPerTransaction = 4;
    private static readonly FixedAuditActorAccessor Actors = new(AuditActor.System("audit-writes-measurement"));

    public static async Task<int> RunAsync(string[] args)
    {
        var nodes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        var admin = Environment.GetEnvironmentVariable("MYS_TEST_PG_ADMIN")
                    ?? throw new InvalidOperationException("Set MYS_TEST_PG_ADMIN to the cluster's admin connection string.");
        var database = "mys_bench_" + Guid.NewGuid().ToString("N");
        await UploadMeasurement.ExecuteAsync(admin, $"CREATE DATABASE \"{database}\"");
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = concurrency + 4 }.ConnectionString;
        try
        {
            await DatabaseMigrator.MigrateAsync(connection, appRole: null);
            var spendingUnit = await SeedAsync(connection, nodes * concurrency * OrdersPerTransaction);
            Console.WriteLine($"{nodes} node(s) x {concurrency} tasks, {seconds} s, {OrdersPerTransaction} ÖEBs (8 audit rows) per transaction; "
                              + $"{Environment.ProcessorCount} cores; load average before {SigningBatchMeasurement.LoadAverage()}");
            var startAt = DateTimeOffset.UtcNow.AddSeconds(15);
            var children = Enumerable.Range(0, nodes).Select(n => StartNode(connection, spendingUnit, n, concurrency, seconds, startAt)).ToList();
            var outputs = children.Select(c => c.StandardOutput.ReadToEndAsync()).ToList();
            var waits = await SampleLockWaitsAsync(connection, startAt, Task.WhenAll(outputs));
            var results = new List<string>();
            foreach (var (child, output) in children.Zip(await Task.WhenAll(outputs)))
            {
                await child.WaitForExitAsync();
                if (child.ExitCode != 0)
                {
                    Console.Error.WriteLine(await child.StandardError.ReadToEndAsync());
                    return 1;
                }

                results.Add(output.Trim());
            }

            double totalTx = 0;
            double totalRows = 0;
            foreach (var line in results)
            {
                Console.WriteLine("  " + line);
                var fields = line.Split(' ').Select(f => f.Split('=')).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
                totalTx += double.Parse(fields["tx_per_s"], CultureInfo.InvariantCulture);
                totalRows += double.Parse(fields["audit_rows_per_s"], CultureInfo.InvariantCulture);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"TOTAL nodes={nodes} tx_per_s={totalTx:F1} audit_rows_per_s={totalRows:F1} advisory_lock_waiters_avg={waits.AverageWaiters:F2} "
                + $"samples_with_advisory_wait={waits.WaitingShare:P0} load_after=\"{SigningBatchMeasurement.LoadAverage()}\""));
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await UploadMeasurement.ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    /// <summary>One node: C tasks each owning 4 ÖEBs, transactions from <paramref name="startAt"/> for the given seconds.</summary>
    public static async Task<int> RunNodeAsync(string[] args)
    {
        var connection = args[0];
        var spendingUnit = Guid.Parse(args[1]);
        var node = int.Parse(args[2], CultureInfo.InvariantCulture);
        var concurrency = int.Parse(args[3], CultureInfo.InvariantCulture);
        var seconds = int.Parse(args[4], CultureInfo.InvariantCulture);
        var startAt = DateTimeOffset.Parse(args[5], CultureInfo.InvariantCulture);
        var options = new DbContextOptionsBuilder<MysDbContext>().UseNpgsql(connection).Options;
        var ids = await OrdersOfNodeAsync(options, spendingUnit, node, concurrency);

        // Warm up (JIT, EF model, pool) before the common start.
        await SignLikeAsync(options, ids[0], 0);
        var delay = startAt - DateTimeOffset.UtcNow;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay);
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        var counts = await Task.WhenAll(ids.Select((orders, task) => Task.Run(async () =>
        {
            var done = 0;
            while (watch.Elapsed < until)
            {
                await SignLikeAsync(options, orders, ++done + task);
            }

            return done;
        })));
        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var transactions = counts.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"node={node} tx={transactions} tx_per_s={transactions / watch.Elapsed.TotalSeconds:F1} audit_rows_per_s={transactions * 2 * OrdersPerTransaction / watch.Elapsed.TotalSeconds:F1} "
            + $"cpu_ms_per_tx={cpu.TotalMilliseconds / Math.Max(1, transactions):F2}"));
        return 0;
    }

    private static Process StartNode(string connection, Guid spendingUnit, int node, int concurrency, int seconds, DateTimeOffset startAt)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(AuditWritesMeasurement).Assembly.Location);
        }

        foreach (var arg in new[]
                 {
                     "audit-writes-node", connection, spendingUnit.ToString("D"), node.ToString(CultureInfo.InvariantCulture),
                     concurrency.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture), startAt.ToString("O", CultureInfo.InvariantCulture),
                 })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static async Task SignLikeAsync(DbContextOptions<MysDbContext> options, Guid[] orders, int round)
    {
        await using var db = new MysDbContext(options, Actors, TimeProvider.System);
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var half in orders.Chunk(OrdersPerTransaction / 2))
        {
            foreach (var order in await db.PaymentOrders.Where(o => half.Contains(o.Id)).ToListAsync())
            {
                order.SetAmounts(Money.From(1000m + round % 500), Deductions.Create().Value).IsSuccess.ShouldBeTrueOrThrow();
                db.RecordEvent("PaymentOrderSigned", nameof(PaymentOrder), order.Id.ToString("D"),
                    JsonSerializer.Serialize(new { role = "RealizationOfficer", sha256 = Convert.ToHexString(Guid.NewGuid().ToByteArray()), round }));
            }

            await db.SaveChangesAsync();
        }

        await transaction.CommitAsync();
    }

    private static void ShouldBeTrueOrThrow(this bool value)
    {
        if (!value)
        {
            throw new InvalidOperationException("The measurement's ÖEB refused its change.");
        }
    }

    private static async Task<Guid[][]> OrdersOfNodeAsync(DbContextOptions<MysDbContext> options, Guid spendingUnit, int node, int concurrency)
    {
        await using var db = new MysDbContext(options, Actors, TimeProvider.System);
        var all = await db.PaymentOrders.Where(o => o.SpendingUnitId == spendingUnit).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync();
        return all.Chunk(OrdersPerTransaction).Skip(node * concurrency).Take(concurrency).ToArray();
    }

    /// <summary>Samples from the common start until the nodes are done (a node slow to start under load still counts).</summary>
    private static async Task<(double AverageWaiters, double WaitingShare)> SampleLockWaitsAsync(string connection, DateTimeOffset startAt, Task nodesDone)
    {
        var delay = startAt - DateTimeOffset.UtcNow;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay);
        }

        await using var dataSource = NpgsqlDataSource.Create(connection);
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'");
        command.CommandTimeout = 5;
        long samples = 0;
        long waiters = 0;
        long withWait = 0;
        while (!nodesDone.IsCompleted)
        {
            var count = (long)(await command.ExecuteScalarAsync())!;
            samples++;
            waiters += count;
            withWait += count > 0 ? 1 : 0;
            await Task.Delay(50);
        }

        return (samples == 0 ? 0 : (double)waiters / samples, samples == 0 ? 0 : (double)withWait / samples);
    }

    private static async Task<Guid> SeedAsync(string connection, int count)
    {
        var options = new DbContextOptionsBuilder<MysDbContext>().UseNpgsql(connection).Options;
        await using var db = new MysDbContext(options, Actors, TimeProvider.System);
        var institution = Guid.NewGuid();
        var accounting = Guid.NewGuid();
        var spending = Guid.NewGuid();
        db.Institutions.Add(Institution.Create(institution, "Ölçüm Kurumu").Value);
        db.AccountingUnits.Add(AccountingUnit.Create(accounting, institution, "Ölçüm Muhasebe Birimi", "06.09.001").Value);
        db.SpendingUnits.Add(SpendingUnit.Create(spending, institution, "Ölçüm Harcama Birimi", "38.10.00.40", accounting).Value);
        await db.SaveChangesAsync();
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var i = 0; i < count; i++)
        {
            var order = PaymentOrder.Create(Guid.NewGuid(), DocumentNumber.From($"OLCUM/{i}"), today, today.Year, spending, accounting,
                ExpenseTypeCodes.Electricity, new Actor(Guid.NewGuid(), Role.DataEntryOfficer), now).Value;
            order.SetAmounts(Money.From(1000m), Deductions.Create().Value);
            order.SetPayee(Payee.Create($"Hak Sahibi {i}", TaxId.From("4540536920"), "Çankaya", Iban.From("TR330006100519786457841326"), "Ziraat Bankası").Value);
            db.PaymentOrders.Add(order);
        }

        await db.SaveChangesAsync();
        return spending;
    }
}
