using System.Diagnostics;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Tests.PdfReader;

/// <summary>
/// A signed ÖEB damaged at many places (deterministic): the reader and the validator answer with a verdict or a
/// <see cref="PdfFormatException"/>, never another exception, and never hang.
/// </summary>
[Collection(PkiCollection.Name)]
public sealed class PdfFuzzTests(PkiFixture fx, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Mutations = 300;

    [Fact]
    public async Task Mutated_and_truncated_signed_oebs_never_throw_anything_but_a_format_exception()
    {
        var pdf = PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder());
        var signed = (await TestSigner.SignPdfAsync(fx, pdf, SignerFields.RealizationOfficer, fx.Pki["ayse"])).Pdf;
        var validator = new SignatureValidator(Validators.Options(fx), new OfflineRevocationDataClient(), TimeProvider.System);
        var random = new Random(20251207);
        var structure = Structural(signed);
        var outcomes = new Dictionary<string, int>();
        var slowest = TimeSpan.Zero;

        for (var i = 0; i < Mutations; i++)
        {
            var (mutated, description) = Mutate(signed, random, structure);
            var clock = Stopwatch.StartNew();
            var outcome = await Task.Run(async () =>
            {
                try
                {
                    var file = PdfFile.Load(mutated);
                    _ = PdfSignatureInfo.Read(file);
                    _ = PdfDss.Read(file);
                    return "read";
                }
                catch (PdfFormatException ex)
                {
                    return ex.Reason;
                }
                finally
                {
                    (await validator.ValidatePdfAsync(mutated)).ShouldNotBeNull(description);
                }
            }).WaitAsync(TimeSpan.FromSeconds(30));
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        output.WriteLine($"{Mutations} mutations, slowest {slowest.TotalMilliseconds:F0} ms: " + string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}")));

        // Most damage is tolerated or rebuilt; some is reported with a reason — both must occur for the test to mean something.
        outcomes.GetValueOrDefault("read").ShouldBeGreaterThan(Mutations / 3, string.Join(", ", outcomes));
        outcomes.Keys.Count(k => k != "read").ShouldBeGreaterThan(0, string.Join(", ", outcomes));
        slowest.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    /// <summary>Offsets of the bytes that carry structure: keywords, xref rows, dictionary brackets, numbers before "R".</summary>
    private static int[] Structural(byte[] pdf)
    {
        var positions = new List<int>();
        foreach (var marker in new[] { "obj"u8.ToArray(), "xref"u8.ToArray(), "trailer"u8.ToArray(), "startxref"u8.ToArray(), "<<"u8.ToArray(),
            " R"u8.ToArray(), "stream"u8.ToArray(), "/Length"u8.ToArray(), "/Prev"u8.ToArray(), "/Root"u8.ToArray(), "/ByteRange"u8.ToArray() })
        {
            var from = 0;
            int at;
            while ((at = pdf.AsSpan(from).IndexOf(marker)) >= 0)
            {
                positions.Add(from + at);
                from += at + marker.Length;
            }
        }

        return [.. positions];
    }

    private static (byte[] Bytes, string Description) Mutate(byte[] pdf, Random random, int[] structure)
    {
        // Half of the mutations hit structure (where parsers break), half land anywhere.
        var at = random.Next(2) == 0 ? Math.Clamp(structure[random.Next(structure.Length)] + random.Next(-4, 12), 0, pdf.Length - 1) : random.Next(pdf.Length);
        var bytes = pdf.ToArray();
        switch (random.Next(6))
        {
            case 0:
                return (pdf[..at], $"truncated at {at}");
            case 1:
                bytes[at] ^= (byte)(1 << random.Next(8));
                return (bytes, $"bit flip at {at}");
            case 2:
                var junk = "0123456789 <>[]()/R%"u8;
                for (var k = 0; k < 6 && at + k < bytes.Length; k++)
                {
                    bytes[at + k] = junk[random.Next(junk.Length)];
                }

                return (bytes, $"syntax junk at {at}");
            case 3:
                var length = Math.Min(random.Next(1, 2000), pdf.Length - at);
                return ([.. pdf.AsSpan(0, at), .. pdf.AsSpan(at + length)], $"{length} bytes cut at {at}");
            case 4:
                var copy = Math.Min(random.Next(1, 500), pdf.Length - at);
                return ([.. pdf.AsSpan(0, at), .. pdf.AsSpan(at, copy), .. pdf.AsSpan(at)], $"{copy} bytes doubled at {at}");
            default:
                var digit = (byte)('0' + random.Next(10));
                var run = pdf.AsSpan(at).IndexOfAnyExceptInRange((byte)'0', (byte)'9');
                for (var k = 0; k < (run < 0 ? 0 : run); k++)
                {
                    bytes[at + k] = digit;
                }

                bytes[at] = digit;
                return (bytes, $"number rewritten at {at}");
        }
    }
}
