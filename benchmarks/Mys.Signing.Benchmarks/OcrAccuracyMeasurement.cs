using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Domain.Invoices;
using Mys.Signing.Domain.Invoices.Comparisons;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Ocr;
using Mys.Signing.TestSupport.Ocr;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// Field-level accuracy of the invoice OCR on N generated scans (<see cref="InvoiceScanGenerator"/>: three layouts, three
/// fonts, 8.5–12.5 pt, 150–300 dpi, ±1.5° skew, noise, a third wrapped in PDF), read with the job's reader
/// (<see cref="TesseractInvoiceReader"/>, default settings) and compared with the typed values = the truth. Per field:
/// agrees (read right), not read, disagrees (a false alarm); and how often a mistyped invoice number (two digits
/// swapped) is flagged. Per-scan OCR time: mean, p50, p95. No database.
/// Run: dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- ocr [N=50] [first seed=1] [--dump DIR]
/// </summary>
internal static class OcrAccuracyMeasurement
{
    public static async Task<int> RunAsync(string[] args)
    {
        var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var count = positional.Count > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 50;
        var firstSeed = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 1;
        var dumpAt = Array.IndexOf(args, "--dump");
        var dump = dumpAt >= 0 && dumpAt + 1 < args.Length ? Directory.CreateDirectory(args[dumpAt + 1]).FullName : null;
        using var reader = new TesseractInvoiceReader(new OcrOptions(), NullLogger<TesseractInvoiceReader>.Instance);
        var outcomes = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var flagged = 0;
        var failures = 0;
        var times = new List<double>();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} generated scans (seeds {firstSeed}…{firstSeed + count - 1}); {reader.Engine}; {Environment.ProcessorCount} cores; load average {SigningBatchMeasurement.LoadAverage()}"));
        Console.WriteLine("seed  layout     font              pt    dpi  skew  noise kind  ms     no  id  date  mistyped no flagged");
        for (var seed = firstSeed; seed < firstSeed + count; seed++)
        {
            var spec = InvoiceScanSpec.Random(seed);
            var scan = InvoiceScanGenerator.Generate(spec);
            using var content = new MemoryStream(scan.Bytes, writable: false);
            var outcome = await reader.ReadAsync(content, scan.Kind, CancellationToken.None);
            times.Add(outcome.Duration.TotalMilliseconds);
            if (dump is not null)
            {
                await File.WriteAllBytesAsync(Path.Combine(dump, scan.FileName), scan.Bytes);
                await File.WriteAllTextAsync(Path.Combine(dump, scan.FileName + ".txt"), outcome.Text ?? outcome.Error);
            }

            if (!outcome.Succeeded)
            {
                failures++;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seed,4}  FAILED: {outcome.Error}"));
                continue;
            }

            var reading = InvoiceTextParser.Parse(outcome.Text);
            var checks = InvoiceOcrComparison.Compare(new InvoiceDetails(spec.InvoiceNumber, spec.SupplierTaxId, spec.InvoiceDate), reading);
            foreach (var check in checks)
            {
                (outcomes.TryGetValue(check.Field, out var counts) ? counts : outcomes[check.Field] = new int[3])[(int)check.Outcome]++;
            }

            var mistyped = InvoiceOcrComparison.Compare(new InvoiceDetails(Mistype(spec.InvoiceNumber), spec.SupplierTaxId, spec.InvoiceDate), reading)[0];
            flagged += mistyped.Outcome == OcrFieldOutcome.Disagrees ? 1 : 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{seed,4}  {spec.Layout,-9}  {spec.FontFamily,-16}  {spec.FontSize,4:F1}  {spec.Dpi,3}  {spec.RotationDegrees,5:F2}  {spec.Noise,4:F2}  {scan.Kind,-4}  {outcome.Duration.TotalMilliseconds,5:F0}  {Mark(checks[0])}   {Mark(checks[1])}   {Mark(checks[2])}     {(mistyped.Outcome == OcrFieldOutcome.Disagrees ? "yes" : "no")}"));
        }

        var read = count - failures;
        Console.WriteLine();
        Console.WriteLine("✓ agrees, · not read, ✗ disagrees (a false alarm: the typed value is the truth)");
        Console.WriteLine("field          agrees (read right)   not read   disagrees (false alarm)");
        foreach (var (field, counts) in outcomes)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{field,-14} {counts[1],4}/{read} = {Percent(counts[1], read),5:F1} %    {counts[0],4}       {counts[2],4}"));
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mistyped invoice number flagged (Disagrees): {flagged}/{read} = {Percent(flagged, read):F1} %; OCR failures: {failures}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"OCR time per scan (pdftoppm for PDFs + tesseract): mean {times.Average():F0} ms, p50 {times[times.Count / 2]:F0} ms, p95 {times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)]:F0} ms, max {times[^1]:F0} ms"));
        return failures == 0 ? 0 : 1;
    }

    // Two adjacent differing digits swapped near the end: the classic typing slip.
    public static string Mistype(string number)
    {
        var chars = number.ToCharArray();
        for (var i = chars.Length - 1; i > 0; i--)
        {
            if (char.IsAsciiDigit(chars[i]) && char.IsAsciiDigit(chars[i - 1]) && chars[i] != chars[i - 1])
            {
                (chars[i], chars[i - 1]) = (chars[i - 1], chars[i]);
                return new string(chars);
            }
        }

        chars[^1] = chars[^1] == '1' ? '2' : '1';
        return new string(chars);
    }

    private static string Mark(OcrFieldCheck check) => check.Outcome switch
    {
        OcrFieldOutcome.Agrees => "✓",
        OcrFieldOutcome.Disagrees => "✗",
        _ => "·",
    };

    private static double Percent(int part, int whole) => whole == 0 ? 0 : 100.0 * part / whole;
}
