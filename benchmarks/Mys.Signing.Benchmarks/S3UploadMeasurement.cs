using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// A PDF of N MiB (default 1024) uploaded through the app's scripted upload endpoint (the whole pipeline on the in-memory
/// test server, client in the same process), with the S3 store
/// (Swift's s3api that scripts/object-store.sh starts), against <c>dd if=/dev/zero bs=1M count=N conv=fsync</c> onto the
/// same disk in the same run; reports both speeds, the ratio and the process's peak working-set growth and allocations.
/// Run: MYS_TEST_PG_ADMIN=… MYS_TEST_S3=… dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- s3-upload [MiB]
/// </summary>
internal static class S3UploadMeasurement
{
    public static async Task<int> RunAsync(string[] args)
    {
        var mebibytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1024;
        var size = mebibytes * 1024L * 1024L;
        var server = (Environment.GetEnvironmentVariable("MYS_TEST_S3") ?? throw new InvalidOperationException("Set MYS_TEST_S3 (see .local/s3/test.txt)."))
            .Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        var bucket = "mys-bench-" + Guid.NewGuid().ToString("N")[..16];
        var spool = Path.Combine(Path.GetTempPath(), "mys-bench-spool");
        var settings = new ObjectStoreSettings(server["ServiceUrl"], bucket, server["AccessKey"], server["SecretKey"]);
        using var s3 = settings.CreateClient();
        await s3.PutBucketAsync(bucket);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MYS_SIGNING_WEB", Path.Combine(TestDatabase.RepositoryRoot(), "src", "Mys.Signing.Web"));
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var app = new MysAppFactory(database, new Dictionary<string, string>
        {
            [ObjectStoreSettings.StoreKey] = "S3",
            ["Mys:Attachments:S3:ServiceUrl"] = settings.ServiceUrl,
            ["Mys:Attachments:S3:Bucket"] = bucket,
            ["Mys:Attachments:S3:AccessKey"] = settings.AccessKey,
            ["Mys:Attachments:S3:SecretKey"] = settings.SecretKey,
            ["Mys:Attachments:S3:SpoolDirectory"] = spool,
            ["Mys:Attachments:MaxFileBytes"] = (size + (1024 * 1024)).ToString(CultureInfo.InvariantCulture),
            ["Mys:Attachments:MaxTotalBytesPerOrder"] = (size + (1024 * 1024)).ToString(CultureInfo.InvariantCulture),
        });
        try
        {
            using var client = await app.LoginAsync(DemoData.Accounts.First(a => a.Role == Role.DataEntryOfficer).Tckn);
            var order = await database.ScalarAsync<Guid>(
                $"SELECT \"Id\" FROM \"PaymentOrders\" WHERE \"Status\" = 1 AND \"SpendingUnitId\" = '{DemoData.SpendingUnitId}' ORDER BY \"CreatedAt\" LIMIT 1");
            var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Profile");

            var ddBefore = Dd(spool, mebibytes);
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var (before, allocatedBefore, cpuBefore) = (process.WorkingSet64, GC.GetTotalAllocatedBytes(precise: true), process.TotalProcessorTime);
            var peak = before;
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
            using var response = await client.SendAsync(Upload(order, token, size));
            watch.Stop();
            await sampling.CancelAsync();
            await sampler;
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var ddAfter = Dd(spool, mebibytes);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains("\"ok\":true", StringComparison.Ordinal) && !body.Contains("sha256", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine($"upload answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 400)]}");
                return 1;
            }

            var objects = await s3.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = bucket });
            var stored = objects.S3Objects?.Sum(o => o.Size) ?? 0;
            var speed = mebibytes / watch.Elapsed.TotalSeconds;
            var dd = (ddBefore + ddAfter) / 2;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"uploaded {mebibytes} MiB through the app to S3 in {watch.Elapsed.TotalSeconds:0.0} s = {speed:0} MiB/s; dd conv=fsync before/after: {ddBefore:0}/{ddAfter:0} MiB/s; ratio {speed / dd:P0}; " +
                $"peak working set +{(peak - before) / 1048576.0:0.0} MiB; allocated {allocated / 1048576.0:0.0} MiB; process CPU {cpu.TotalSeconds:0.0} s; bucket holds {stored / 1048576.0:0} MiB; load {File.ReadAllText("/proc/loadavg").Trim()}"));
            return stored == size ? 0 : 1;
        }
        finally
        {
            await EmptyAsync(s3, bucket);
        }
    }

    private static HttpRequestMessage Upload(Guid order, string token, long size)
    {
        var head = "--b\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\nSOZLESME\r\n" +
                   "--b\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\nscan\r\n" +
                   "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"buyuk.pdf\"\r\nContent-Type: application/pdf\r\n\r\n";
        var content = new GeneratedPdfContent(size, Encoding.ASCII.GetBytes(head), "\r\n--b--\r\n"u8.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/Units/{DemoData.SpendingUnitId}/PaymentOrders/{order}?handler=Upload") { Content = content };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        return request;
    }

    /// <summary>MiB/s of <c>dd if=/dev/zero bs=1M count=N conv=fsync</c> into <paramref name="directory"/> (the app's spool disk).</summary>
    private static double Dd(string directory, int mebibytes)
    {
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, "dd.bin");
        var watch = Stopwatch.StartNew();
        using var dd = Process.Start(new ProcessStartInfo("dd", ["if=/dev/zero", $"of={target}", "bs=1M", $"count={mebibytes}", "conv=fsync"])
        {
            RedirectStandardError = true,
        })!;
        dd.StandardError.ReadToEnd();
        dd.WaitForExit();
        watch.Stop();
        File.Delete(target);
        return mebibytes / watch.Elapsed.TotalSeconds;
    }

    private static async Task EmptyAsync(AmazonS3Client s3, string bucket)
    {
        var objects = await s3.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = bucket });
        foreach (var item in objects.S3Objects ?? [])
        {
            await s3.DeleteObjectAsync(bucket, item.Key);
        }

        await s3.DeleteBucketAsync(bucket);
    }

    /// <summary>A multipart body around a PDF-looking file of the given size, produced as it is sent (never held).</summary>
    private sealed class GeneratedPdfContent(long size, byte[] prefix, byte[] suffix) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(prefix);
            var block = new byte[1024 * 1024];
            new Random(42).NextBytes(block);
            block.AsSpan().Replace((byte)'/', (byte)'x'); // no PDF names by accident
            "%PDF-1.7\n"u8.CopyTo(block);
            var tail = "\n%%EOF\n"u8.ToArray();
            for (long sent = 0; sent < size;)
            {
                var count = (int)Math.Min(block.Length, size - sent);
                if (sent + count == size)
                {
                    tail.CopyTo(block.AsSpan(count - tail.Length));
                }

                await stream.WriteAsync(block.AsMemory(0, count));
                sent += count;
                if (sent == block.Length)
                {
                    " % PDF "u8.CopyTo(block); // only the first block starts the file
                }
            }

            await stream.WriteAsync(suffix);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = prefix.Length + size + suffix.Length;
            return true;
        }
    }
}
