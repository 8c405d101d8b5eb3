using System.Diagnostics;
using System.Globalization;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// Issue 21: verification of a new document, the project's validator against a warm Apache PDFBox 2 + BouncyCastle
/// harness (benchmarks/pdfbox/VerifyHarness.java, a child process) on the same files: one- and two-signature ÖEBs as
/// the demo bundle makes them (B-T by the dev PKI's RSA and EC signers, then /DSS with OCSP responses and CRLs).
/// One thread each, alternating per document (the order flips every round), each tool timing its own call. The
/// validator runs with an offline revocation client (revocation only from /DSS) and its <see cref="ValidationCaches"/>
/// cleared before every document: a document it has not seen. The last rounds repeat without clearing (warm caches).
/// Run by benchmarks/verify-vs-pdfbox.sh, which compiles the harness:
/// dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- verify-vs-pdfbox CLASSPATH [rounds=40] [files=5]
/// </summary>
internal static class VerifyVsPdfBoxMeasurement
{
    private const int WarmUpRounds = 15;

    public static async Task<int> RunAsync(string[] args)
    {
        var classpath = args[0];
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
        var perKind = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var folder = Directory.CreateTempSubdirectory("mys-bench-pdfbox-").FullName;
        try
        {
            var (anchor, files) = await WriteFilesAsync(folder, perKind);
            var caches = new ValidationCaches();
            var options = new ValidationOptions();
            options.TrustAnchors.Add(anchor);
            var validator = new SignatureValidator(options, new OfflineRevocationDataClient(), TimeProvider.System, caches);
            foreach (var file in files)
            {
                var report = await validator.ValidatePdfAsync(file.Bytes);
                if (report.Indication != Indication.TotalPassed || report.Signatures.Any(s => s.Revocation?.Source != "DSS/OCSP"))
                {
                    throw new InvalidOperationException($"{file.Path}: {report.Indication} {string.Join("; ", report.Signatures.SelectMany(s => s.Findings))}");
                }
            }

            if (classpath == "--profile")
            {
                // For a profiler (dotnet-trace): only the validator, cold, for `rounds` seconds.
                var until = Stopwatch.GetTimestamp() + (rounds * Stopwatch.Frequency);
                var count = 0;
                while (Stopwatch.GetTimestamp() < until)
                {
                    caches.Clear();
                    _ = await TimeAsync(validator, files[count++ % files.Count].Bytes);
                }

                Console.WriteLine($"{count} validations");
                return 0;
            }

            using var java = PdfBoxHarness.Start(classpath, Path.Combine(folder, "root.der"), files.Select(f => f.Path));
            var load = File.ReadAllText("/proc/loadavg").Trim();
            var samples = files.Select(_ => new Samples()).ToArray();
            var settle = await SettleJitAsync(java, validator, caches, files);
            GcCounts? gcBefore = null;
            for (var round = 0; round < WarmUpRounds + rounds; round++)
            {
                var measured = round >= WarmUpRounds;
                gcBefore ??= measured ? GcCounts.Now() : null;
                for (var i = 0; i < files.Count; i++)
                {
                    var javaFirst = round % 2 == 0;
                    if (javaFirst)
                    {
                        samples[i].Add(measured, pdfbox: java.Verify(i, files[i].Signatures));
                    }

                    caches.Clear();
                    samples[i].Add(measured, mys: await TimeAsync(validator, files[i].Bytes));
                    if (!javaFirst)
                    {
                        samples[i].Add(measured, pdfbox: java.Verify(i, files[i].Signatures));
                    }
                }
            }

            var gcMeasured = GcCounts.Now() - gcBefore!.Value;

            // Warm: the same documents again without clearing (what re-validating a known document costs).
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < files.Count; i++)
                {
                    samples[i].Warm.Add(await TimeAsync(validator, files[i].Bytes));
                }
            }

            var loadAfter = File.ReadAllText("/proc/loadavg").Trim();
            Console.WriteLine($"load average (1/5/15 min) before: {load}; after: {loadAfter}; {Environment.ProcessorCount} cores");
            Console.WriteLine($"{rounds} rounds after {WarmUpRounds} warm-up rounds; {perKind} distinct ÖEBs per kind; one thread each; alternating per document");
            Console.WriteLine($"JIT: {settle}");
            Console.WriteLine("PDFBox 2.0.27 + BouncyCastle 1.72 (Debian), warm JVM: per document parse, digest over /ByteRange, signature value, time-stamp token,");
            Console.WriteLine("  paths of signer and TSA to the anchor, OCSP/CRL from /DSS for every non-anchor certificate of the signer's path; nothing kept between documents.");
            Console.WriteLine("mys (cold): SignatureValidator, offline revocation (/DSS only), ValidationCaches cleared before every document — cold: signatures, time-stamps,");
            Console.WriteLine("  certificates, revocation, public-keys; warm: JIT, the trust anchor parsed once at start-up (as the app does: ValidationOptions.TrustAnchors");
            Console.WriteLine("  → CertificatePathBuilder), nothing else pre-loaded; modification analysis included.");
            Console.WriteLine("mys (warm): the same documents again, all five caches warm.");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, server GC {System.Runtime.GCSettings.IsServerGC}, latency mode {System.Runtime.GCSettings.LatencyMode}"));
            Console.WriteLine("GCs of this process during the measured rounds (PDFBox runs in its own process): " + gcMeasured);
            Console.WriteLine("CPU clocks: " + CalibrateClocks());
            Console.WriteLine("wall time per document (ms); CPU time (ms) of the timing thread (clock_gettime, as Java's ThreadMXBean) and, for mys, of its whole process:");
            Console.WriteLine("signatures | PDFBox median / p95 | mys cold median / p95 | PDFBox/mys (median) | mys p95/median | PDFBox CPU median | mys thread CPU median / p95 | CPU ratio | mys process CPU median / p95 | mys KB allocated | mys docs with a GC in them | mys warm median");
            foreach (var kind in files.Select(f => f.Signatures).Distinct())
            {
                var picked = Enumerable.Range(0, files.Count).Where(i => files[i].Signatures == kind).Select(i => samples[i]).ToList();
                var pdfbox = picked.SelectMany(s => s.PdfBox).Select(m => m.Ms).Order().ToList();
                var pdfboxCpu = picked.SelectMany(s => s.PdfBox).Select(m => m.CpuMs).Order().ToList();
                var mys = picked.SelectMany(s => s.Mys).Select(m => m.Ms).Order().ToList();
                var mysCpu = picked.SelectMany(s => s.Mys).Select(m => m.CpuMs).Order().ToList();
                var mysProcess = picked.SelectMany(s => s.Mys).Select(m => m.ProcessCpuMs).Order().ToList();
                var warm = picked.SelectMany(s => s.Warm).Select(m => m.Ms).Order().ToList();
                var kb = picked.SelectMany(s => s.Mys).Average(m => m.Bytes) / 1024;
                var withGc = picked.SelectMany(s => s.Mys).Count(m => m.Collections > 0);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{kind} | {P(pdfbox, 50):F3} / {P(pdfbox, 95):F3} | {P(mys, 50):F3} / {P(mys, 95):F3} | {P(pdfbox, 50) / P(mys, 50):F2}× | {P(mys, 95) / P(mys, 50):F2} | {P(pdfboxCpu, 50):F3} | {P(mysCpu, 50):F3} / {P(mysCpu, 95):F3} | {P(pdfboxCpu, 50) / P(mysCpu, 50):F2}× | {P(mysProcess, 50):F3} / {P(mysProcess, 95):F3} | {kb:F0} | {withGc} of {mys.Count} | {P(warm, 50):F3}"));
            }

            Console.WriteLine("mys caches after the warm rounds: " + string.Join(", ", caches.Statistics().Select(c => $"{c.Name} {c.Count}/{c.Capacity}")));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Sample> TimeAsync(SignatureValidator validator, byte[] pdf)
    {
        var collections = GC.CollectionCount(0);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var process = CpuClock.ProcessMs();
        var cpu = CpuClock.ThreadMs();
        var started = Stopwatch.GetTimestamp();
        var task = validator.ValidatePdfAsync(pdf);
        // Offline revocation: nothing awaits, so the whole validation ran on this thread.
        var report = task.IsCompleted ? task.Result : throw new InvalidOperationException("the validation did not complete synchronously");
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var cpuElapsed = CpuClock.ThreadMs() - cpu;
        var processElapsed = CpuClock.ProcessMs() - process;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        await Task.CompletedTask;
        return report.Indication == Indication.TotalPassed
            ? new Sample(elapsed, cpuElapsed, processElapsed, bytes, GC.CollectionCount(0) - collections)
            : throw new InvalidOperationException("not TOTAL-PASSED: " + report.Indication);
    }

    private readonly record struct Sample(double Ms, double CpuMs, double ProcessCpuMs, long Bytes, int Collections);

    /// <summary>Collections by generation and total GC pause of this process.</summary>
    private readonly record struct GcCounts(int Gen0, int Gen1, int Gen2, TimeSpan Pause)
    {
        public static GcCounts Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

        public static GcCounts operator -(GcCounts a, GcCounts b) => new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.Pause - b.Pause);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"gen0/1/2 {Gen0}/{Gen1}/{Gen2}, paused {Pause.TotalMilliseconds:F1} ms in total");
    }

    /// <summary>
    /// A 2 ms busy loop timed 200 times by clock_gettime and by /proc/thread-self/schedstat (the first version's reading):
    /// the medians show how far the latter lags for a running thread.
    /// </summary>
    private static string CalibrateClocks()
    {
        var clock = new List<double>();
        var schedstat = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var (c, s, started) = (CpuClock.ThreadMs(), CpuClock.SchedstatMs(), Stopwatch.GetTimestamp());
            while (Stopwatch.GetElapsedTime(started).TotalMilliseconds < 2)
            {
            }

            (c, s) = (CpuClock.ThreadMs() - c, CpuClock.SchedstatMs() - s);
            clock.Add(c);
            schedstat.Add(s);
        }

        clock.Sort();
        schedstat.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"a 2 ms busy loop reads as {P(clock, 50):F3} ms (median) by clock_gettime(CLOCK_THREAD_CPUTIME_ID), {P(schedstat, 50):F3} ms by /proc/thread-self/schedstat");
    }

    private static double P(List<double> sorted, int percentile) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * percentile / 100.0) - 1)];

    /// <summary>Distinct ÖEBs signed like the demo bundle: realization officer (RSA-2048), then spending authority (EC P-256), /DSS after.</summary>
    private static async Task<(byte[] Anchor, List<(string Path, byte[] Bytes, int Signatures)> Files)> WriteFilesAsync(string folder, int perKind)
    {
        var pki = DevPkiStore.LoadOrCreate(Path.Combine(folder, "pki"), new DevPkiOptions(), TimeProvider.System);
        using var http = new HttpClient(new DevPkiHttpHandler(new DevPkiServices(pki, TimeProvider.System)));
        var tsaOptions = new TimeStampClientOptions { Url = new Uri(pki.TsaUrl) };
        tsaOptions.Headers["X-Dev-Credential"] = "dev";
        var tsa = new HttpTimeStampClient(http, tsaOptions);
        var pades = new PadesService(tsa, TimeProvider.System);
        var extender = new PadesExtender(tsa, new HttpRevocationDataClient(http));
        byte[][] trust = [pki.Root.CertificateDer];
        var realization = pki[DevPkiOptions.DemoPersons[0].Id];
        var spending = pki[DevPkiOptions.DemoPersons[1].Id];
        var files = new List<(string, byte[], int)>();
        for (var i = 0; i < perKind; i++)
        {
            var pdf = PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder($"2026/{i + 1:D6}"));
            var once = await SignAsync(pades, pki, pdf, SignerFields.RealizationOfficer, realization);
            var twice = await SignAsync(pades, pki, once, SignerFields.SpendingAuthority, spending);
            foreach (var (signed, count) in new[] { (once, 1), (twice, 2) })
            {
                var extended = await extender.AddValidationDataAsync(signed, trust);
                var path = Path.Combine(folder, $"oeb-{i + 1}-{count}.pdf");
                await File.WriteAllBytesAsync(path, extended.Value);
                files.Add((path, extended.Value, count));
            }
        }

        await File.WriteAllBytesAsync(Path.Combine(folder, "root.der"), pki.Root.CertificateDer);
        return (pki.Root.CertificateDer, files);
    }

    private static async Task<byte[]> SignAsync(PadesService pades, DevPkiHierarchy pki, byte[] pdf, string field, DevPkiEntry signer)
    {
        var chain = pki.ChainFor(signer).Select(c => c.GetEncoded()).ToList();
        var prepared = pades.Prepare(new PadesPrepareRequest(pdf, field, signer.CertificateDer, chain) { Level = SignatureLevel.BaselineT, SignerName = signer.Name }).Value;
        return (await pades.CompleteAsync(prepared, signer.SignDigest(prepared.DataToSign, prepared.Digest.Name()))).Value.Pdf;
    }

    /// <summary>
    /// Runs both tools until .NET's tiered JIT stops compiling (the method count unchanged over three passes, each
    /// followed by a pause longer than the runtime's 100 ms tiering delay), at most 60 s: otherwise the background
    /// re-compilation to tier 1 runs on the other core during the measured rounds and sets their p95. The JVM gets the
    /// same passes for its own JIT.
    /// </summary>
    private static async Task<string> SettleJitAsync(PdfBoxHarness java, SignatureValidator validator, ValidationCaches caches, List<(string Path, byte[] Bytes, int Signatures)> files)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var unchanged = 0;
        var passes = 0;
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (unchanged < 3 && started.Elapsed < TimeSpan.FromSeconds(60))
        {
            for (var i = 0; i < files.Count; i++)
            {
                _ = java.Verify(i, files[i].Signatures);
                caches.Clear();
                _ = await TimeAsync(validator, files[i].Bytes);
            }

            await Task.Delay(150);
            passes++;
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            unchanged = now == compiled ? unchanged + 1 : 0;
            compiled = now;
        }

        return $"{(unchanged >= 3 ? "settled" : "NOT settled")} after {passes} passes over the files ({started.Elapsed.TotalSeconds:F1} s, {compiled} methods compiled)";
    }

    private sealed class Samples
    {
        public List<Sample> PdfBox { get; } = [];

        public List<Sample> Mys { get; } = [];

        public List<Sample> Warm { get; } = [];

        public void Add(bool measured, Sample? pdfbox = null, Sample? mys = null)
        {
            if (!measured)
            {
                return;
            }

            if (pdfbox is { } p)
            {
                PdfBox.Add(p);
            }

            if (mys is { } m)
            {
                Mys.Add(m);
            }
        }
    }

    /// <summary>The Java harness as a child process: one line per verification, timed inside the JVM.</summary>
    private sealed class PdfBoxHarness : IDisposable
    {
        private readonly Process _process;

        private PdfBoxHarness(Process process) => _process = process;

        public static PdfBoxHarness Start(string classpath, string anchor, IEnumerable<string> files)
        {
            var start = new ProcessStartInfo("java") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { "-cp", classpath, "VerifyHarness", anchor }.Concat(files))
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("java did not start");
            var ready = process.StandardOutput.ReadLine();
            return ready?.StartsWith("ready", StringComparison.Ordinal) == true ? new PdfBoxHarness(process) : throw new InvalidOperationException("harness: " + ready);
        }

        public Sample Verify(int index, int expectedSignatures)
        {
            _process.StandardInput.WriteLine(index.ToString(CultureInfo.InvariantCulture));
            _process.StandardInput.Flush();
            var answer = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("harness ended");
            var parts = answer.Split(' ');
            if (parts[0] != "ok" || int.Parse(parts[3], CultureInfo.InvariantCulture) != expectedSignatures)
            {
                throw new InvalidOperationException("PDFBox harness: " + answer);
            }

            return new Sample(long.Parse(parts[1], CultureInfo.InvariantCulture) / 1e6, long.Parse(parts[2], CultureInfo.InvariantCulture) / 1e6, 0, 0, 0);
        }

        public void Dispose()
        {
            _process.StandardInput.WriteLine("quit");
            _process.WaitForExit(5000);
            _process.Dispose();
        }
    }
}
