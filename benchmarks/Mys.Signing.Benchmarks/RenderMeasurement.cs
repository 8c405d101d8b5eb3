using System.Globalization;
using System.Security.Cryptography;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Signatures.Rendering;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// The ÖEB render alone (issues 17 and 21: render ≤ 0.3 MB and ≤ 3 ms CPU per ÖEB): renders the demo ÖEB on one thread
/// after a warm-up and prints per ÖEB the bytes this thread allocated and its CPU time (mean and p95), the output's size
/// and SHA-256 (the same model must render to the same bytes), the gen-0/1/2 collections and the load average.
/// Run: dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- render [count=200]
/// </summary>
internal static class RenderMeasurement
{
    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var model = DemoPrintModels.PaymentOrder();
        var pdf = Array.Empty<byte>();
        for (var i = 0; i < 20; i++)
        {
            pdf = PaymentOrderRenderer.Render(model);
        }

        var bytes = new long[count];
        var cpu = new double[count];
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        for (var i = 0; i < count; i++)
        {
            var (b, c) = (GC.GetAllocatedBytesForCurrentThread(), DevPkiWorkMeter.ThreadCpuNanoseconds());
            pdf = PaymentOrderRenderer.Render(model);
            (bytes[i], cpu[i]) = (GC.GetAllocatedBytesForCurrentThread() - b, (DevPkiWorkMeter.ThreadCpuNanoseconds() - c) / 1e6);
        }

        Array.Sort(cpu);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} ÖEBs rendered, {Environment.ProcessorCount} cores, load average {SigningBatchMeasurement.LoadAverage()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rendered PDF: {pdf.Length:N0} bytes, SHA-256 {Convert.ToHexStringLower(SHA256.HashData(pdf))}"));
        Console.WriteLine("KB allocated per ÖEB (mean) | thread CPU ms per ÖEB (mean) | p95 | gen0/1/2 collections");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{bytes.Average() / 1024:N1} | {cpu.Average():F2} | {cpu[(int)Math.Ceiling(0.95 * count) - 1]:F2} | {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3}"));
        return 0;
    }
}
