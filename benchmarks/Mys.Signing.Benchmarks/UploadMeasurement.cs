using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;
using Npgsql;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// Streams a generated PDF-looking file of N MiB through <see cref="PostgresAttachmentStore"/> into a fresh
/// database and reports throughput against this machine's SHA-256 speed and the process's peak memory growth.
/// Run: MYS_TEST_PG_ADMIN=… dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- upload [MiB]
/// (scripts/test.sh or scripts/run.sh start the local cluster; its admin connection string is in
/// .local/pg/superuser.pw on port 55432).
/// </summary>
internal static class UploadMeasurement
{
    public static async Task<int> RunAsync(string[] args)
    {
        var mebibytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1024;
        var admin = Environment.GetEnvironmentVariable("MYS_TEST_PG_ADMIN")
                    ?? throw new InvalidOperationException("Set MYS_TEST_PG_ADMIN to the cluster's admin connection string.");
        var database = "mys_bench_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin, $"CREATE DATABASE \"{database}\"");
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        try
        {
            await DatabaseMigrator.MigrateAsync(connection, appRole: null);
            var shaSpeed = MeasureSha256();
            using var dataSource = NpgsqlDataSource.Create(connection);
            var store = new PostgresAttachmentStore(dataSource, TimeProvider.System, NullLogger<PostgresAttachmentStore>.Instance);

            GC.Collect();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var before = process.WorkingSet64;
            long peak = before;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.WorkingSet64);
                    await Task.Delay(50);
                }
            });

            var watch = Stopwatch.StartNew();
            var result = await store.SaveAsync(new GeneratedPdfStream(mebibytes * 1024L * 1024L), ContentKind.Pdf, long.MaxValue, default);
            watch.Stop();
            await sampling.CancelAsync();
            await sampler;

            if (!result.IsSuccess)
            {
                Console.Error.WriteLine("upload refused: " + result.Error);
                return 1;
            }

            var mbPerSecond = mebibytes / watch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"uploaded {mebibytes} MiB in {watch.Elapsed.TotalSeconds:0.00} s = {mbPerSecond:0} MiB/s; SHA-256 alone here: {shaSpeed:0} MiB/s ({mbPerSecond / shaSpeed:P0}); peak working set +{(peak - before) / 1024.0 / 1024.0:0.0} MiB"));
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static double MeasureSha256()
    {
        var buffer = new byte[16 * 1024 * 1024];
        RandomNumberGenerator.Fill(buffer);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 16; i++)
        {
            SHA256.HashData(buffer);
        }

        return 16 * 16 / watch.Elapsed.TotalSeconds;
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
#pragma warning disable CA2100 // the database name is generated here, not user input
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A stream of the given length that starts like a PDF and ends with %%EOF, generated on the fly.</summary>
    private sealed class GeneratedPdfStream(long length) : Stream
    {
        private static readonly byte[] Tail = "\n%%EOF\n"u8.ToArray();
        private static readonly byte[] Pattern = MakePattern();
        private long _position;

        private static byte[] MakePattern()
        {
            var pattern = new byte[1024 * 1024];
            new Random(42).NextBytes(pattern);
            pattern.AsSpan().Replace((byte)'/', (byte)'x'); // no PDF names by accident
            return pattern;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            var offsetInPattern = (int)(_position % Pattern.Length);
            n = Math.Min(n, Pattern.Length - offsetInPattern);
            var span = buffer.AsSpan(offset, n);
            Pattern.AsSpan(offsetInPattern, n).CopyTo(span);
            for (var i = 0; i < n; i++)
            {
                var at = _position + i;
                if (at < 5)
                {
                    span[i] = "%PDF-"u8[(int)at];
                }
                else if (at >= length - Tail.Length)
                {
                    span[i] = Tail[(int)(at - (length - Tail.Length))];
                }
                else if (at >= 5 && at < length - Tail.Length - n)
                {
                    break; // the middle is the pattern as copied
                }
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
