using System.Globalization;
using Mys.Signing.Application.Signing;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Domain.Access;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// Where the bytes of one ÖEB signature go, stage by stage, without the web app and the database: render, prepare,
/// complete (B-T, the dev PKI's TSA in-process) and validate, for the realization officer and then the spending
/// authority, one ÖEB at a time on one thread. Prints the bytes allocated per stage (mean over the runs after a
/// warm-up) and the time the dev PKI's TSA and OCSP take of it (which the web app's server does not pay in production).
/// Prepare keeps only the appended bytes and complete joins them to the base, as the web app does (session 13), and
/// each stage's bytes and thread CPU time are printed whole and without the dev TSA's/OCSP responder's share.
/// Run: dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- signing-stages [runs=20]
/// </summary>
internal static class SigningStagesMeasurement
{
    private static AllocationSampler? _sampler;
    private static DevPkiWorkMeter _meter = new();

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        // `types`: also sample which types each stage allocates (GC allocation ticks).
        using var sampler = args.Contains("types") ? new AllocationSampler() : null;
        _sampler = sampler;
        var folder = Directory.CreateTempSubdirectory("mys-bench-stages-").FullName;
        try
        {
            var pki = DevPkiStore.LoadOrCreate(folder, new DevPkiOptions(), TimeProvider.System);
            var meter = new DevPkiWorkMeter();
            _meter = meter;
            using var http = new HttpClient(new DevPkiHttpHandler(new DevPkiServices(pki, TimeProvider.System)) { Meter = meter });
            var tsa = new TimeStampClientOptions { Url = new Uri(pki.TsaUrl) };
            tsa.Headers["X-Dev-Credential"] = "dev";
            var pades = new PadesService(new HttpTimeStampClient(http, tsa), TimeProvider.System);
            var options = new ValidationOptions();
            options.TrustAnchors.Add(pki.Root.CertificateDer);
            var validator = new SignatureValidator(options, new CachingRevocationDataClient(new HttpRevocationDataClient(http), TimeProvider.System, TimeSpan.FromHours(1)),
                TimeProvider.System);
            var persons = pki.Persons.ToList();
            DevPkiEntry officer = persons.First(p => p.KeyType != DevKeyType.EcP256), authority = persons.Last();
            var model = DemoPrintModels.PaymentOrder();
            var totals = new Dictionary<string, (long Bytes, long DevPkiBytes, double CpuMs, double DevPkiCpuMs)>(StringComparer.Ordinal);
            var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var run = 0; run <= runs; run++)
            {
                var stages = new List<(string Stage, long Bytes, long DevPkiBytes, double CpuMs, double DevPkiCpuMs)>();
                var pdf = Measure(stages, "render", () => PaymentOrderRenderer.Render(model));
                sizes["rendered PDF"] = pdf.Length;
                if (run == 0)
                {
                    // The same model must render to the same bytes before and after a change to the renderer.
                    Console.WriteLine("rendered PDF SHA-256: " + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
                }

                var signedOnce = await SignAsync(stages, "RO", pades, validator, pki, pdf, SignerFields.RealizationOfficer, officer);
                sizes["RO signed PDF"] = signedOnce.Length;
                var signedTwice = await SignAsync(stages, "SA", pades, validator, pki, signedOnce, SignerFields.SpendingAuthority, authority);
                sizes["SA signed PDF"] = signedTwice.Length;
                if (run == 0)
                {
                    continue;
                }

                foreach (var (stage, bytes, pkiBytes, cpuMs, pkiCpuMs) in stages)
                {
                    var t = totals.GetValueOrDefault(stage);
                    totals[stage] = (t.Bytes + bytes, t.DevPkiBytes + pkiBytes, t.CpuMs + cpuMs, t.DevPkiCpuMs + pkiCpuMs);
                }
            }

            foreach (var (name, size) in sizes)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {size:N0} bytes"));
            }

            // The dev TSA's and OCSP responder's share is measured on the thread that computes their answers.
            Console.WriteLine($"load average {SigningBatchMeasurement.LoadAverage()}");
            Console.WriteLine("stage | KB allocated per ÖEB (mean) | of it dev TSA/OCSP | app KB | thread CPU ms (mean) | of it dev TSA/OCSP | app CPU ms");
            foreach (var (stage, t) in totals.Append(new("total", (totals.Values.Sum(v => v.Bytes), totals.Values.Sum(v => v.DevPkiBytes),
                totals.Values.Sum(v => v.CpuMs), totals.Values.Sum(v => v.DevPkiCpuMs)))))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{stage} | {t.Bytes / runs / 1024:N0} | {t.DevPkiBytes / runs / 1024:N0} | {(t.Bytes - t.DevPkiBytes) / runs / 1024:N0} | {t.CpuMs / runs:F2} | {t.DevPkiCpuMs / runs:F2} | {(t.CpuMs - t.DevPkiCpuMs) / runs:F2}"));
            }

            sampler?.Print();
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<byte[]> SignAsync(List<(string, long, long, double, double)> stages, string who, PadesService pades, SignatureValidator validator, DevPkiHierarchy pki,
        byte[] pdf, string field, DevPkiEntry signer)
    {
        var chain = pki.ChainFor(signer).Select(c => c.GetEncoded()).ToList();
        // As the web app does: prepare keeps only the appended bytes; complete joins them to the stored base.
        var prepared = Measure(stages, who + " prepare", () =>
            pades.PrepareAppended(new PadesPrepareRequest(pdf, field, signer.CertificateDer, chain) { Level = SignatureLevel.BaselineT, SignerName = signer.Name }).Value);
        // What the web app's session keeps of it (SigningSessionFormat, bytea since session 14; a JSON text before), written and read back.
        Measure(stages, who + " prepared state (session)", () => SigningSessionFormat.Read(SigningSessionFormat.Write(
            [new PreparedItemState(Guid.Empty, Role.SpendingAuthority, "sha", pdf.Length, prepared).ToStored()])));
        var value = signer.SignDigest(prepared.DataToSign, prepared.Digest.Name());
        var completed = await MeasureAsync(stages, who + " complete (CMS + TSA)", () =>
        {
            var whole = new byte[pdf.Length + prepared.Pdf.Length];
            pdf.CopyTo(whole, 0);
            prepared.Pdf.CopyTo(whole, pdf.Length);
            return pades.CompleteInPlaceAsync(prepared.WithWholePdf(whole), value);
        });
        var report = await MeasureAsync(stages, who + " validate", () => validator.ValidatePdfAsync(completed.Value.Pdf));
        if (!report.Signatures.All(s => s.IsPassed))
        {
            throw new InvalidOperationException(report.Message);
        }

        return completed.Value.Pdf;
    }

    private static T Measure<T>(List<(string, long, long, double, double)> stages, string stage, Func<T> action) =>
        MeasureAsync(stages, stage, () => Task.FromResult(action())).GetAwaiter().GetResult();

    /// <summary>
    /// Allocations of the whole process and CPU time of this thread (the dev PKI's handler answers synchronously, and
    /// the stages do not leave the thread: the in-process HTTP client completes without a socket).
    /// </summary>
    private static async Task<T> MeasureAsync<T>(List<(string, long, long, double, double)> stages, string stage, Func<Task<T>> action)
    {
        var (thread, cpu) = (Environment.CurrentManagedThreadId, DevPkiWorkMeter.ThreadCpuNanoseconds());
        var (pkiBytes, pkiCpu) = (_meter.AllocatedBytes, _meter.CpuTime);
        var (before, from) = (GC.GetTotalAllocatedBytes(precise: true), DateTime.UtcNow);
        var result = await action();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        // NaN when the stage ended on another thread (then its thread CPU time says nothing).
        var cpuMs = Environment.CurrentManagedThreadId == thread ? (DevPkiWorkMeter.ThreadCpuNanoseconds() - cpu) / 1e6 : double.NaN;
        stages.Add((stage, allocated, _meter.AllocatedBytes - pkiBytes, cpuMs, (_meter.CpuTime - pkiCpu).TotalMilliseconds));
        _sampler?.Window(stage, from, DateTime.UtcNow);
        return result;
    }
}
