using System.IO.Compression;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;

namespace Mys.Signing.Signatures.Tests.Rendering;

/// <summary>
/// The form faces' font programs are compressed once per process and put into every ÖEB (session 14): each document
/// still gets complete zlib streams of exactly the form faces, and documents rendered at once or one after the other
/// each get their own content.
/// </summary>
[Collection(PkiCollection.Name)]
public sealed class CompressedFontProgramsTests(PkiFixture fx)
{
    [Fact]
    public void Each_OEB_embeds_complete_zlib_streams_of_exactly_the_two_form_faces()
    {
        var file = PdfFile.Load(PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder()));
        var resolver = new DejaVuFontResolver();
        var faces = new[] { resolver.GetFont("DejaVuSans-Form")!, resolver.GetFont("DejaVuSans-Bold-Form")! };

        var programs = FontPrograms(file);
        programs.Count.ShouldBe(2);
        foreach (var program in programs)
        {
            program.Dictionary.NameOf("Filter").ShouldBe("FlateDecode");
            program.Data[0].ShouldBe((byte)0x78);
            var inflated = Inflate(program.Data);
            ((PdfNumber)program.Dictionary["Length1"]!).IntValue.ShouldBe(inflated.Length);
            program.Data[^4..].ShouldBe(Adler32(inflated), "the zlib stream must end with the Adler-32 of the program");
            faces.Count(f => f.AsSpan().SequenceEqual(inflated)).ShouldBe(1, "the program must be one of the form faces as it is");
        }

        programs.Select(p => Inflate(p.Data).Length).Distinct().Count().ShouldBe(2, "regular and bold, each once");
    }

    [Fact]
    public async Task OEBs_rendered_at_once_and_one_after_the_other_each_get_their_own_content()
    {
        var models = Enumerable.Range(1, 4).Select(i => DemoPrintModels.PaymentOrder($"2026/00070{i}")
            with { Description = $"Belge {i}: Işık Kırtasiye'ye ödenecek tutar." }).ToList();
        var sequential = models.Select(PaymentOrderRenderer.Render).ToList();
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => (i % 4, PaymentOrderRenderer.Render(models[i % 4])))));

        foreach (var (index, pdf) in concurrent)
        {
            pdf.SequenceEqual(sequential[index]).ShouldBeTrue($"ÖEB {index + 1} rendered concurrently must equal its sequential render");
        }

        for (var i = 0; i < models.Count; i++)
        {
            var path = fx.TempFile($"oeb-font-cache-{i}.pdf", sequential[i]);
            Tools.Run("qpdf", "--check", path).ExitCode.ShouldBe(0);
            var text = Tools.Run("pdftotext", path, "-").Output;
            text.ShouldContain($"2026/00070{i + 1}");
            text.ShouldContain($"Belge {i + 1}: Işık Kırtasiye'ye ödenecek tutar.");
            text.ShouldNotContain($"Belge {((i + 1) % 4) + 1}:");
        }
    }

    [Fact]
    public void Changing_a_rendered_file_does_not_change_the_next_one()
    {
        var model = DemoPrintModels.PaymentOrder();
        var first = PaymentOrderRenderer.Render(model);
        var expected = first.ToArray();
        foreach (var program in FontPrograms(PdfFile.Load(first)))
        {
            // Spoil the font streams' bytes in the returned array: the process-wide compressed programs must not be shared with it.
            var at = first.AsSpan().IndexOf(program.Data.AsSpan(0, 64));
            at.ShouldBeGreaterThan(0);
            first.AsSpan(at, program.Data.Length).Clear();
        }

        PaymentOrderRenderer.Render(model).SequenceEqual(expected).ShouldBeTrue();
    }

    [Fact]
    public void The_QR_code_content_stream_draws_exactly_QRCoders_modules()
    {
        var model = DemoPrintModels.PaymentOrder();
        var path = fx.TempFile("oeb-qr.pdf", PaymentOrderRenderer.Render(model));
        Tools.Run("pdftoppm", "-r", "300", "-gray", "-singlefile", path, path).ExitCode.ShouldBe(0);
        var pgm = File.ReadAllBytes(path + ".pgm");
        var header = System.Text.Encoding.ASCII.GetString(pgm, 0, 32).Split('\n');
        var width = int.Parse(header[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var pixels = pgm.AsSpan(header[0].Length + header[1].Length + header[2].Length + 3);

        using var generator = new QRCoder.QRCodeGenerator();
        using var code = generator.CreateQrCode(model.VerificationUrl, QRCoder.QRCodeGenerator.ECCLevel.M);
        var matrix = code.ModuleMatrix;
        // The code's box: 70 pt wide at the top right of the A4 page's margins (x 489 pt, y 36 pt from the top).
        const double scale = 300 / 72.0;
        var module = 70.0 / matrix.Count;
        var dark = 0;
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var col = 0; col < matrix.Count; col++)
            {
                var x = (int)((489 + ((col + 0.5) * module)) * scale);
                var y = (int)((36 + ((row + 0.5) * module)) * scale);
                (pixels[(y * width) + x] < 128).ShouldBe(matrix[row][col], $"module ({row}, {col})");
                dark += matrix[row][col] ? 1 : 0;
            }
        }

        dark.ShouldBeGreaterThan(200);
    }

    private static List<PdfStream> FontPrograms(PdfFile file) =>
    [
        .. file.Xref.Where(e => e.Value.Type == 1).Select(e => file.GetObject(e.Key))
            .OfType<PdfStream>().Where(s => s.Dictionary["Length1"] is not null),
    ];

    private static byte[] Inflate(byte[] zlib)
    {
        using var output = new MemoryStream();
        using (var inflater = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress))
        {
            inflater.CopyTo(output);
        }

        return output.ToArray();
    }

    private static byte[] Adler32(byte[] data)
    {
        uint a = 1, b = 0;
        foreach (var d in data)
        {
            a = (a + d) % 65521;
            b = (b + a) % 65521;
        }

        var value = (b << 16) | a;
        return [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
    }
}
