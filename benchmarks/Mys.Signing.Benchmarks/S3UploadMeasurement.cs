using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using Mys.Signing.Infrastructure.Storage;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// Issue 20's target: a 1 GiB upload through the app to the S3 backend at ≥ 60 % of <c>dd … conv=fsync</c> on the same
/// disk, with the server's peak extra memory ≤ 64 MB. The app runs on real Kestrel (a loopback TCP port) and a separate
/// client process (<see cref="UploadClient"/>) posts the generated file over a socket, so the memory and CPU measured are
/// the server's. In one run, alternating, each round measures the ceilings of the parts and the whole:
/// <c>dd if=/dev/zero bs=1M count=N conv=fsync</c>; a direct multipart PUT of N MiB with the SDK (no app, same part size and
/// parallelism as the store); the app's upload into the PostgreSQL store; the app's upload into the S3 store (Swift's
/// s3api, scripts/object-store.sh; or any S3 server MYS_TEST_S3 names, e.g. Ceph's radosgw from scripts/object-store-rgw.sh).
/// Each round's contents differ (nothing is deduplicated). <c>MYS_S3_UPLOAD_STEPS</c> (default <c>direct,s3,pg</c>) picks
/// the measurements.
/// Run: MYS_TEST_PG_ADMIN=… MYS_TEST_S3="$(cat .local/s3/test.txt)" dotnet benchmarks/Mys.Signing.Benchmarks/bin/Release/net10.0/Mys.Signing.Benchmarks.dll s3-upload [MiB] [rounds]
/// </summary>
internal static class S3UploadMeasurement
{
    public static async Task<int> RunAsync(string[] args)
    {
        var mebibytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1024;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        var size = mebibytes * 1024L * 1024L;
        var server = (Environment.GetEnvironmentVariable("MYS_TEST_S3") ?? throw new InvalidOperationException("Set MYS_TEST_S3 (see .local/s3/test.txt)."))
            .Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        var bucket = "mys-bench-" + Guid.NewGuid().ToString("N")[..16];
        var spool = Path.Combine(Path.GetTempPath(), "mys-bench-spool");
        var settings = new ObjectStoreSettings(server["ServiceUrl"], bucket, server["AccessKey"], server["SecretKey"]);
        using var s3 = settings.CreateClient();
        await s3.PutBucketAsync(bucket);
        var limits = new Dictionary<string, string>
        {
            ["Mys:Attachments:MaxFileBytes"] = (size + (1024 * 1024)).ToString(CultureInfo.InvariantCulture),
            ["Mys:Attachments:MaxTotalBytesPerOrder"] = ((size + (1024 * 1024)) * (rounds + 1)).ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var results = new List<string>();
        // MYS_S3_UPLOAD_STEPS=direct,s3,pg (the default: all) picks the measurements, e.g. "s3" alone under a profiler.
        var steps = (Environment.GetEnvironmentVariable("MYS_S3_UPLOAD_STEPS") is { Length: > 0 } chosen ? chosen : "direct,s3,pg")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        try
        {
            await using var s3App = await KestrelApp.StartAsync(new Dictionary<string, string>(limits)
            {
                [ObjectStoreSettings.StoreKey] = "S3",
                ["Mys:Attachments:S3:ServiceUrl"] = settings.ServiceUrl,
                ["Mys:Attachments:S3:Bucket"] = bucket,
                ["Mys:Attachments:S3:AccessKey"] = settings.AccessKey,
                ["Mys:Attachments:S3:SecretKey"] = settings.SecretKey,
                ["Mys:Attachments:S3:SpoolDirectory"] = spool,
            });
            await using var pgApp = await KestrelApp.StartAsync(limits);
            Console.WriteLine($"app on Kestrel at {s3App.BaseAddress} (S3 at {settings.ServiceUrl}, bucket {bucket}) and {pgApp.BaseAddress} (PostgreSQL); {mebibytes} MiB × {rounds} rounds; steps {string.Join(",", steps)}; load {Load()}");
            var dd = new List<double> { Dd(spool, mebibytes) };
            for (var round = 1; round <= rounds; round++)
            {
                var lines = new List<string>();
                var runs = new List<(string What, Sample Sample)>();
                if (steps.Contains("direct"))
                {
                    runs.Add(("SDK multipart PUT to the store, no app", await Measured(() => DirectMultipartAsync(s3, settings, bucket, size, round))));
                    dd.Add(Dd(spool, mebibytes));
                }

                if (steps.Contains("s3"))
                {
                    runs.Add(("app (Kestrel) → S3 store", await Measured(() => AppUploadAsync(s3App, size, round))));
                    dd.Add(Dd(spool, mebibytes));
                }

                if (steps.Contains("pg"))
                {
                    runs.Add(("app (Kestrel) → PostgreSQL store", await Measured(() => AppUploadAsync(pgApp, size, 1000 + round))));
                    dd.Add(Dd(spool, mebibytes));
                }

                var ddMean = dd.TakeLast(runs.Count + 1).Average();
                lines.Add(Line(round, $"dd conv=fsync (mean of the {runs.Count + 1} around)", ddMean, null, ddMean));
                lines.AddRange(runs.Select(r => Line(round, r.What, mebibytes / r.Sample.Seconds, r.Sample, ddMean)));
                results.AddRange(lines);
                Console.WriteLine(string.Join(Environment.NewLine, lines));
            }

            Console.WriteLine($"dd runs (MiB/s, in order): {string.Join(" ", dd.Select(d => d.ToString("0", CultureInfo.InvariantCulture)))}; load {Load()}");
            var stored = (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "attachments/" })).S3Objects?.Sum(o => o.Size) ?? 0;
            var expected = steps.Contains("s3") ? size * rounds : 0;
            return stored == expected ? 0 : Fail($"the bucket holds {stored} bytes under attachments/, not {expected}");
        }
        finally
        {
            await EmptyAsync(s3, bucket);
        }
    }

    private static string Line(int round, string what, double speed, Sample? sample, double dd)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"round {round} | {what,-40} | {speed,5:0} MiB/s | {speed / dd,4:P0} of dd");
        return sample is null ? head : head + string.Create(CultureInfo.InvariantCulture,
            $" | {sample.Seconds,6:0.0} s | server peak RSS +{sample.PeakRssGrowth / 1048576.0:0.0} MiB | allocated {sample.Allocated / 1048576.0:0} MiB | server CPU {sample.CpuSeconds:0.0} s | load {sample.Load}");
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }

    private static async Task<double> AppUploadAsync(KestrelApp app, long size, int seed)
    {
        var result = await UploadClient.RunChildAsync(app.UploadUrl, size, seed, app.Cookie, app.Token);
        return result.Ok ? result.Seconds : throw new InvalidOperationException($"upload answered {result.Status}: {result.Body}");
    }

    /// <summary>The object store's own ceiling: N MiB in parts of the store's size, as many in flight as the store sends.</summary>
    private static async Task<double> DirectMultipartAsync(AmazonS3Client s3, ObjectStoreSettings settings, string bucket, long size, int round)
    {
        var key = $"direct/{round}";
        var watch = Stopwatch.StartNew();
        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key });
        var inFlight = settings.PartsInFlight;
        var buffers = Enumerable.Range(0, inFlight).Select(i =>
        {
            var buffer = new byte[settings.PartSize];
            new Random(round * 100 + i).NextBytes(buffer);
            return buffer;
        }).ToArray();
        var sending = new Task<UploadPartResponse>?[inFlight];
        var numbers = new int[inFlight];
        var parts = new List<PartETag>();
        var number = 0;
        for (long sent = 0; sent < size; sent += settings.PartSize)
        {
            var slot = number++ % inFlight;
            if (sending[slot] is { } previous)
            {
                parts.Add(new PartETag(numbers[slot], (await previous).ETag));
            }

            numbers[slot] = number;
            BinaryPrimitives.WriteInt32LittleEndian(buffers[slot], number);
            var count = (int)Math.Min(settings.PartSize, size - sent);
            sending[slot] = s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = key, UploadId = upload.UploadId, PartNumber = number, PartSize = count,
                InputStream = new MemoryStream(buffers[slot], 0, count, writable: false), UseChunkEncoding = false,
            });
        }

        for (var slot = 0; slot < inFlight; slot++)
        {
            if (sending[slot] is { } pending)
            {
                parts.Add(new PartETag(numbers[slot], (await pending).ETag));
            }
        }

        await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = [.. parts.OrderBy(p => p.PartNumber)],
        });
        watch.Stop();
        await s3.DeleteObjectAsync(bucket, key);
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Runs <paramref name="run"/> (which returns its own elapsed seconds) while this process's RSS is sampled.</summary>
    private static async Task<Sample> Measured(Func<Task<double>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var before = Rss();
        var peak = before;
        var (allocatedBefore, cpuBefore) = (GC.GetTotalAllocatedBytes(precise: true), process.TotalProcessorTime);
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Rss());
                await Task.Delay(20);
            }
        });
        var seconds = await run();
        await sampling.CancelAsync();
        await sampler;
        process.Refresh();
        return new Sample(seconds, peak - before, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, (process.TotalProcessorTime - cpuBefore).TotalSeconds, Load());
    }

    /// <summary>VmRSS of this process (the server's: the client is another process), in bytes.</summary>
    private static long Rss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private static string Load() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>MiB/s of <c>dd if=/dev/zero bs=1M count=N conv=fsync</c> into <paramref name="directory"/> (the spool's disk, Swift's too).</summary>
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
        var objects = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        foreach (var item in objects.S3Objects ?? [])
        {
            await s3.DeleteObjectAsync(bucket, item.Key);
        }

        await s3.DeleteBucketAsync(bucket);
    }

    private sealed record Sample(double Seconds, long PeakRssGrowth, long Allocated, double CpuSeconds, string Load);
}
