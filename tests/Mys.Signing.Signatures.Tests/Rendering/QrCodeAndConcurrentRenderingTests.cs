using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;

namespace Mys.Signing.Signatures.Tests.Rendering;

/// <summary>
/// The QR code is written as a content stream of its own (session 14): it must still show exactly QRCoder's modules,
/// and ÖEBs rendered at once or one after the other must each get their own content (the renderer keeps
/// process-wide state: the font resolver and the form faces).
/// </summary>
[Collection(PkiCollection.Name)]
public sealed class QrCodeAndConcurrentRenderingTests(PkiFixture fx)
{
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
    public void An_OEB_longer_than_the_pooled_save_buffer_renders_whole_and_deterministic()
    {
        // 400 attachments: many pages, the saved file outgrows the first rented buffer (64 KB).
        var rows = Enumerable.Range(1, 400).Select(i => new AttachmentRow("Fatura", "Elektronik", $"fatura-{i:D3}.pdf", 1000 + i,
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))))).ToList();
        var model = DemoPrintModels.PaymentOrder() with { Attachments = rows };
        var pdf = PaymentOrderRenderer.Render(model);
        pdf.Length.ShouldBeGreaterThan(64 * 1024);
        PaymentOrderRenderer.Render(model).SequenceEqual(pdf).ShouldBeTrue("same model must give the same bytes");

        var path = fx.TempFile("oeb-long.pdf", pdf);
        Tools.Run("qpdf", "--check", path).ExitCode.ShouldBe(0);
        var text = Tools.Run("pdftotext", path, "-").Output;
        text.ShouldContain("fatura-001.pdf");
        text.ShouldContain("fatura-400.pdf");
        text.ShouldContain("SHA-256: " + rows[^1].Sha256);
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
}
