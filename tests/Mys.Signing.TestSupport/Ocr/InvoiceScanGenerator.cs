using System.Globalization;
using System.IO.Compression;
using System.Text;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.TestSupport.Signing;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Mys.Signing.TestSupport.Ocr;

/// <summary>The invoice layouts the generator draws.</summary>
public enum InvoiceLayout
{
    /// <summary>GİB e-Arşiv print: seller block, "SAYIN" buyer block, a data table with "Fatura No" / "Fatura Tarihi" (dd-MM-yyyy), ETTN.</summary>
    EArchive,

    /// <summary>Pre-printed paper invoice: "Seri / Sıra No", "Düzenleme Tarihi" (dd.MM.yyyy or "5 Haziran 2025"), "V.D. / V.No".</summary>
    Paper,

    /// <summary>Two columns "Satıcı" / "Alıcı" with "Fatura Numarası" and "Fatura Tarihi" (dd/MM/yyyy).</summary>
    TwoColumn,
}

/// <summary>What a generated scan shows and how it was "scanned".</summary>
public sealed record InvoiceScanSpec(
    string InvoiceNumber,
    string SupplierTaxId,
    DateOnly InvoiceDate,
    InvoiceLayout Layout,
    string FontFamily,
    double FontSize,
    int Dpi,
    double RotationDegrees,
    double Noise,
    bool AsPdf,
    int Seed)
{
    /// <summary>A varied, reproducible invoice: layout, font, size, resolution, skew and noise drawn from <paramref name="seed"/>.</summary>
    public static InvoiceScanSpec Random(int seed)
    {
        var rng = new Random(seed);
        var layout = (InvoiceLayout)rng.Next(3);
        var taxId = rng.Next(3) == 0 ? RandomTckn(rng) : RandomVkn(rng);
        var date = new DateOnly(2024, 1, 1).AddDays(rng.Next(600));
        var number = layout == InvoiceLayout.Paper
            ? string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + rng.Next(6))} {rng.Next(1, 999_999):D6}")
            : string.Create(CultureInfo.InvariantCulture, $"{Prefixes[rng.Next(Prefixes.Length)]}{date.Year}{rng.Next(1, 99_999_999):D9}");
        string[] fonts = [DejaVuFontResolver.Family, DejaVuFontResolver.SerifFamily, DejaVuFontResolver.MonoFamily];
        return new InvoiceScanSpec(number, taxId, date, layout, fonts[rng.Next(fonts.Length)], 8.5 + rng.Next(5), Dpis[rng.Next(Dpis.Length)],
            Math.Round((rng.NextDouble() * 3) - 1.5, 2), Math.Round(rng.NextDouble() * 0.6, 2), rng.Next(3) == 0, seed);
    }

    private static readonly string[] Prefixes = ["ABC", "GIB", "EAR", "KMS", "TRF", "ZET"];
    private static readonly int[] Dpis = [150, 200, 200, 300];

    private static string RandomVkn(Random rng)
    {
        while (true)
        {
            var candidate = string.Create(CultureInfo.InvariantCulture, $"{rng.NextInt64(1_000_000_000, 9_999_999_999)}");
            if (Vkn.IsValid(candidate))
            {
                return candidate;
            }
        }
    }

    private static string RandomTckn(Random rng) =>
        Tckn.WithCheckDigits(string.Create(CultureInfo.InvariantCulture, $"{rng.Next(100_000_000, 999_999_999)}")).Value;
}

/// <summary>A generated scan: the file as it would be uploaded and its kind.</summary>
public sealed record InvoiceScan(InvoiceScanSpec Spec, byte[] Bytes, ContentKind Kind)
{
    public string MediaType => Kind.MediaType();

    /// <summary>The attachment store's key for the file.</summary>
    public string Sha256 => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Bytes));

    public string FileName => "fatura-" + Spec.Seed.ToString(CultureInfo.InvariantCulture) + (Kind == ContentKind.Pdf ? ".pdf" : ".png");
}

/// <summary>
/// Generates realistic scanned invoices for OCR tests and the accuracy measurement: the invoice is drawn as a PDF with
/// PDFsharp (layout, font and size from the spec, with the distractors real invoices have — phone and fax numbers, the
/// buyer's VKN, IBAN, MERSİS, ETTN, a due date), rasterised with poppler's pdftoppm at the spec's resolution, skewed
/// and given scanner noise, then saved as a grey PNG or wrapped in a PDF like a scanner's output.
/// </summary>
public static class InvoiceScanGenerator
{
    private const string BuyerVkn = "1234567890";

    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    public static InvoiceScan Generate(InvoiceScanSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var pdf = Draw(spec);
        var (width, height, pixels) = Rasterise(pdf, spec.Dpi);
        pixels = Scan(pixels, width, height, spec);
        var png = Png(width, height, pixels);
        return spec.AsPdf ? new InvoiceScan(spec, WrapInPdf(png, width, height, spec.Dpi), ContentKind.Pdf) : new InvoiceScan(spec, png, ContentKind.Png);
    }

    /// <summary>The invoice as a vector PDF (before "scanning").</summary>
    public static byte[] Draw(InvoiceScanSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        DejaVuFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        using (var g = XGraphics.FromPdfPage(page))
        {
            var regular = new XFont(spec.FontFamily, spec.FontSize, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
            var bold = new XFont(spec.FontFamily, spec.FontSize, XFontStyleEx.Bold, new XPdfFontOptions(PdfFontEncoding.Unicode));
            var title = new XFont(spec.FontFamily, spec.FontSize + 6, XFontStyleEx.Bold, new XPdfFontOptions(PdfFontEncoding.Unicode));
            var line = spec.FontSize * 1.45;
            switch (spec.Layout)
            {
                case InvoiceLayout.EArchive:
                    EArchive(g, spec, regular, bold, title, line);
                    break;
                case InvoiceLayout.Paper:
                    Paper(g, spec, regular, bold, title, line);
                    break;
                default:
                    TwoColumn(g, spec, regular, bold, title, line);
                    break;
            }

            Items(g, spec, regular, bold, line, 450);
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static string Label(string taxId) => taxId.Length == 11 ? "TCKN" : "VKN";

    private static void Lines(XGraphics g, XFont font, double x, double y, double step, params string[] lines)
    {
        foreach (var text in lines)
        {
            g.DrawString(text, font, XBrushes.Black, x, y);
            y += step;
        }
    }

    private static void EArchive(XGraphics g, InvoiceScanSpec s, XFont regular, XFont bold, XFont title, double line)
    {
        Lines(g, bold, 40, 50, line, "ÖRNEK ENERJİ SANAYİ VE TİCARET A.Ş.");
        Lines(g, regular, 40, 50 + line, line,
            "Atatürk Bulvarı No: 112 Kat: 3",
            "Çankaya / ANKARA",
            "Tel: 0312 555 12 34 Fax: 0312 555 12 35",
            "Web Sitesi: www.ornekenerji.com.tr",
            "Vergi Dairesi: Kavaklıdere",
            $"{Label(s.SupplierTaxId)}: {s.SupplierTaxId}",
            "Ticaret Sicil No: 123456  Mersis No: 0123456789000015");
        g.DrawLine(XPens.Black, 40, 180, 300, 180);
        Lines(g, bold, 40, 200, line, "SAYIN");
        Lines(g, regular, 40, 200 + line, line,
            "MYS ÜNİVERSİTESİ STRATEJİ GELİŞTİRME DAİRE BAŞKANLIĞI",
            "Üniversiteler Mah. 1596. Cad. Çankaya / ANKARA",
            "Vergi Dairesi: Çankaya",
            $"VKN: {BuyerVkn}");
        g.DrawString("e-ARŞİV FATURA", title, XBrushes.Black, 380, 60);
        var meta = new[]
        {
            ("Özelleştirme No:", "TR1.2"), ("Senaryo:", "EARSIVFATURA"), ("Fatura Tipi:", "SATIS"),
            ("Fatura No:", s.InvoiceNumber), ("Fatura Tarihi:", s.InvoiceDate.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)),
            ("Son Ödeme Tarihi:", s.InvoiceDate.AddDays(15).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)),
        };
        var labelWidth = meta.Max(m => g.MeasureString(m.Item1, bold).Width);
        var valueWidth = meta.Max(m => g.MeasureString(m.Item2, regular).Width);
        var width = labelWidth + valueWidth + 16;
        var left = 560 - width;
        // Cells padded as on GİB's print (about 3 pt above and below the text).
        var row = s.FontSize * 1.9;
        var top = 270.0;
        foreach (var (label, value) in meta)
        {
            g.DrawRectangle(XPens.Black, left, top, width, row);
            var baseline = top + ((row + (s.FontSize * 0.7)) / 2);
            g.DrawString(label, bold, XBrushes.Black, left + 4, baseline);
            g.DrawString(value, regular, XBrushes.Black, left + labelWidth + 12, baseline);
            top += row;
        }

        g.DrawString("ETTN: " + new Guid(s.Seed, 0x1d2f, 0x4a3b, 1, 2, 3, 4, 5, 6, 7, 8).ToString("D"), regular, XBrushes.Black, 40, 432);
    }

    private static void Paper(XGraphics g, InvoiceScanSpec s, XFont regular, XFont bold, XFont title, double line)
    {
        g.DrawString("FATURA", title, XBrushes.Black, 250, 50);
        Lines(g, bold, 40, 90, line, "YILDIZ KIRTASİYE - MEHMET YILDIZ");
        Lines(g, regular, 40, 90 + line, line,
            "Kızılay Mah. Gazi Mustafa Kemal Blv. No: 45/7",
            "Çankaya - ANKARA  Tel: (0312) 418 22 33",
            $"V.D.: Maltepe   {(s.SupplierTaxId.Length == 11 ? "T.C. Kimlik No" : "V.No")}: {s.SupplierTaxId}");
        var parts = s.InvoiceNumber.Split(' ');
        var date = s.Seed % 2 == 0
            ? s.InvoiceDate.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)
            : s.InvoiceDate.ToString("d MMMM yyyy", Turkish);
        string[] box = [$"Seri: {parts[0]}   Sıra No: {parts[1]}", $"Düzenleme Tarihi: {date}", "İrsaliye No: 2024-" + (s.Seed % 9000 + 1000).ToString(CultureInfo.InvariantCulture)];
        var width = box.Max(b => g.MeasureString(b, regular).Width) + 12;
        // Below the seller block (whose long address line would run into a box beside it in a large monospaced font).
        g.DrawRectangle(XPens.Black, 560 - width, 170, width, (line * 3) + 8);
        Lines(g, regular, 566 - width, 170 + line, line, box);
        Lines(g, regular, 40, 270, line, "Sayın: MYS Üniversitesi Strateji Geliştirme Daire Başkanlığı", $"Adres: Çankaya / ANKARA   V.D.: Çankaya  V.No: {BuyerVkn}");
        Lines(g, regular, 40, 340, line, "Sevk Tarihi: " + s.InvoiceDate.AddDays(1).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
    }

    private static void TwoColumn(XGraphics g, InvoiceScanSpec s, XFont regular, XFont bold, XFont title, double line)
    {
        g.DrawString("FATURA", title, XBrushes.Black, 40, 55);
        Lines(g, regular, 330, 45, line, "Fatura Numarası: " + s.InvoiceNumber, "Fatura Tarihi: " + s.InvoiceDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            "Vade Tarihi: " + s.InvoiceDate.AddDays(30).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        Lines(g, bold, 40, 130, line, "Satıcı");
        Lines(g, regular, 40, 130 + line, line, "Deniz Bilişim Hizmetleri Ltd. Şti.", "Mustafa Kemal Mah. 2123. Sok. No: 4", "Çankaya / Ankara",
            "Vergi Dairesi: Ostim", $"{(s.SupplierTaxId.Length == 11 ? "T.C. Kimlik No" : "Vergi Kimlik No")}: {s.SupplierTaxId}", "IBAN: TR33 0006 1005 1978 6457 8413 26");
        Lines(g, bold, 330, 130, line, "Alıcı");
        Lines(g, regular, 330, 130 + line, line, "MYS Üniversitesi SGDB", "Üniversiteler Mah. Çankaya / Ankara", "Vergi Dairesi: Çankaya", $"Vergi Kimlik No: {BuyerVkn}");
    }

    private static void Items(XGraphics g, InvoiceScanSpec s, XFont regular, XFont bold, double line, double top)
    {
        var rng = new Random(s.Seed);
        g.DrawLine(XPens.Black, 40, top, 555, top);
        Lines(g, bold, 40, top + line, line, "Sıra  Mal / Hizmet                          Miktar     Birim Fiyat       KDV %      Tutar");
        var y = top + (line * 2.5);
        var total = 0m;
        for (var i = 1; i <= 3 + rng.Next(4); i++)
        {
            var quantity = rng.Next(1, 40);
            var price = Math.Round((decimal)(rng.NextDouble() * 900) + 10, 2);
            var amount = quantity * price;
            total += amount;
            g.DrawString(string.Create(Turkish, $"{i,-5} {Goods[rng.Next(Goods.Length)],-36} {quantity,6} Adet {price,12:N2} TL     %20 {amount,12:N2} TL"), regular, XBrushes.Black, 40, y);
            y += line;
        }

        g.DrawLine(XPens.Black, 40, y, 555, y);
        y += line * 1.5;
        Lines(g, regular, 330, y, line,
            string.Create(Turkish, $"Mal Hizmet Toplam Tutarı: {total:N2} TL"),
            string.Create(Turkish, $"Hesaplanan KDV (%20): {total * 0.2m:N2} TL"),
            string.Create(Turkish, $"Ödenecek Tutar: {total * 1.2m:N2} TL"));
        Lines(g, regular, 40, y + (line * 5), line, "Not: Ödemenin fatura tarihinden itibaren 15 gün içinde yapılması rica olunur.", "Bu fatura 213 sayılı VUK hükümlerine göre düzenlenmiştir.");
    }

    private static readonly string[] Goods = ["A4 Fotokopi Kağıdı 80 gr", "Toner Kartuşu", "Elektrik Tüketim Bedeli", "Dağıtım Bedeli", "Bakım Onarım Hizmeti", "Temizlik Malzemesi", "Kablo (NYM 3x2,5)", "Yazılım Lisansı"];

    // pdftoppm → 8-bit grey PGM (P5).
    private static (int Width, int Height, byte[] Pixels) Rasterise(byte[] pdf, int dpi)
    {
        var folder = Directory.CreateTempSubdirectory("mys-scan-");
        try
        {
            var input = Path.Combine(folder.FullName, "invoice.pdf");
            File.WriteAllBytes(input, pdf);
            ExternalTools.RunChecked("pdftoppm", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-singlefile", input, Path.Combine(folder.FullName, "page"));

            return ReadPgm(File.ReadAllBytes(Path.Combine(folder.FullName, "page.pgm")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (int Width, int Height, byte[] Pixels) ReadPgm(byte[] pgm)
    {
        // Header: "P5", width, height, max value, separated by whitespace, then one byte per pixel.
        var fields = new List<string>();
        var at = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)pgm[at]))
            {
                at++;
            }

            var start = at;
            while (!char.IsWhiteSpace((char)pgm[at]))
            {
                at++;
            }

            fields.Add(Encoding.ASCII.GetString(pgm, start, at - start));
        }

        var width = int.Parse(fields[1], CultureInfo.InvariantCulture);
        var height = int.Parse(fields[2], CultureInfo.InvariantCulture);
        return (width, height, pgm.AsSpan(at + 1, width * height).ToArray());
    }

    // Skew (bilinear, white outside), a slightly grey paper, Gaussian-like noise and specks.
    private static byte[] Scan(byte[] source, int width, int height, InvoiceScanSpec spec)
    {
        var rng = new Random(spec.Seed ^ 0x5ca7);
        var angle = spec.RotationDegrees * Math.PI / 180;
        var (sin, cos) = Math.SinCos(angle);
        var cx = width / 2.0;
        var cy = height / 2.0;
        var result = new byte[source.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var sx = (cos * (x - cx)) + (sin * (y - cy)) + cx;
                var sy = (-sin * (x - cx)) + (cos * (y - cy)) + cy;
                var value = Sample(source, width, height, sx, sy);
                value = (value * 0.93) + 10;
                if (spec.Noise > 0)
                {
                    value += (rng.NextDouble() + rng.NextDouble() + rng.NextDouble() - 1.5) * 40 * spec.Noise;
                    if (rng.NextDouble() < 0.002 * spec.Noise)
                    {
                        value = rng.Next(2) == 0 ? 30 : 250;
                    }
                }

                result[(y * width) + x] = (byte)Math.Clamp(Math.Round(value), 0, 255);
            }
        }

        return result;
    }

    private static double Sample(byte[] pixels, int width, int height, double x, double y)
    {
        var x0 = (int)Math.Floor(x);
        var y0 = (int)Math.Floor(y);
        double At(int px, int py) => px < 0 || py < 0 || px >= width || py >= height ? 255 : pixels[(py * width) + px];
        var fx = x - x0;
        var fy = y - y0;
        return (At(x0, y0) * (1 - fx) * (1 - fy)) + (At(x0 + 1, y0) * fx * (1 - fy)) + (At(x0, y0 + 1) * (1 - fx) * fy) + (At(x0 + 1, y0 + 1) * fx * fy);
    }

    /// <summary>An 8-bit greyscale PNG (filter 0 on every row, zlib-compressed).</summary>
    public static byte[] Png(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteBigEndian(header, 0, width);
        WriteBigEndian(header, 4, height);
        header[8] = 8;
        header[9] = 0;
        Chunk(output, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                for (var y = 0; y < height; y++)
                {
                    zlib.WriteByte(0);
                    zlib.Write(pixels, y * width, width);
                }
            }

            Chunk(output, "IDAT", compressed.ToArray());
        }

        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        WriteBigEndian(length, 0, data.Length);
        output.Write(length);
        var typed = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, 0, 4, typed, 0);
        data.CopyTo(typed, 4);
        output.Write(typed);
        var crc = new byte[4];
        WriteBigEndian(crc, 0, (int)Crc32(typed));
        output.Write(crc);
    }

    private static void WriteBigEndian(byte[] buffer, int offset, int value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    // The scanned image as the only content of an A4 page, as scanners save PDFs.
    private static byte[] WrapInPdf(byte[] png, int width, int height, int dpi)
    {
        DejaVuFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        var page = document.AddPage();
        page.Width = XUnit.FromInch(width / (double)dpi);
        page.Height = XUnit.FromInch(height / (double)dpi);
        using (var g = XGraphics.FromPdfPage(page))
        using (var stream = new MemoryStream(png, writable: false))
        using (var image = XImage.FromStream(stream))
        {
            g.DrawImage(image, 0, 0, page.Width.Point, page.Height.Point);
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return Signatures.Pdf.PdfFlateFixer.Fix(output.ToArray());
    }
}
