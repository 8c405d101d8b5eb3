using System.Globalization;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.Invoices.Comparisons;
using Mys.Signing.Signatures.Validation;
using Mys.Signing.Signatures.Rendering;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Mys.Signing.Application.Verification;

/// <summary>The verification report as an A4 PDF (PDFsharp, DejaVu Sans embedded for the Turkish letters).</summary>
public static class ReportPdf
{
    private const double Margin = 40;
    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    public static byte[] Render(OebVerificationReport report, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        DejaVuFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"ÖEB {report.DocumentNumber} doğrulama raporu";
        var writer = new Writer(document);
        writer.Text($"ÖEB Doğrulama Raporu — {report.DocumentNumber} (sürüm {report.Version})", Writer.Title);
        writer.Text(report.AllHold ? "SONUÇ: OLUMLU — tüm imzalar, ekler, kurallar ve fatura karşılaştırması tutuyor." : "SONUÇ: OLUMSUZ — aşağıdaki sorunlar var.", Writer.Bold,
            report.AllHold ? XBrushes.DarkGreen : XBrushes.DarkRed);
        writer.Text($"Belge tarihi: {report.DocumentDate.ToString("dd.MM.yyyy", Turkish)}   Durum: {report.Status}   Tutar: {report.GrossAmount.ToString("N2", Turkish)} TL");
        writer.Text($"Harcama birimi: {report.SpendingUnit}");
        writer.Text($"Muhasebe birimi: {report.AccountingUnit}");
        writer.Text($"Hak sahibi: {report.Payee ?? "—"}");
        writer.Text($"Doğrulama kodu: {report.VerificationCode ?? "—"}   Aşama: {VerificationWords.Stage(report.Stage)}");
        writer.Text($"Belge SHA-256: {report.DocumentSha256 ?? "—"}");
        writer.Text(report.EmbeddedRevocationDataOnly
            ? "İptal bilgisi: kabulde belgeye gömülen OCSP/SİL verisi (/DSS) kullanıldı."
            : "İptal bilgisi: doğrulama anında OCSP/SİL sorgulandı.");
        writer.Text($"Rapor zamanı: {TurkeyTime.StampWithSeconds(generatedAt)}");
        if (report.Problems.Count > 0)
        {
            writer.Heading("Sorunlar");
            foreach (var problem in report.Problems)
            {
                writer.Text("• " + problem, Writer.Regular, XBrushes.DarkRed);
            }
        }

        writer.Heading("İmzalar");
        foreach (var s in report.Signers)
        {
            writer.Text($"{s.Role}: {s.FoundSigner ?? "—"} (TCKN {s.FoundTckn ?? "—"}) — {(s.Holds ? "uyumlu" : "SORUNLU")}", Writer.Bold);
            writer.Text($"   İmza zamanı: {Time(s.SignedAt)}   Zaman damgası: {Time(s.TimeStamp)}   Seviye: {VerificationWords.Level(s.Level, report.Stage)}   Nitelikli: {(s.Qualified ? "evet" : "hayır")}");
            writer.Text($"   Sertifika durumu: {s.CertificateStatus ?? "—"}   {s.Message}");
        }

        if (report.Signatures is { } v)
        {
            foreach (var sig in v.Signatures)
            {
                writer.Text($"{sig.Role ?? sig.FieldName ?? sig.Kind}: {VerificationWords.Indication(sig.Indication)} — {sig.Reason}"
                    + (sig.SubIndication == SubIndication.None ? string.Empty : $" (kod: {Verdicts.Name(sig.SubIndication)})"));
            }

            writer.Heading("Ekler");
            foreach (var a in v.Attachments)
            {
                writer.Text($"{a.FileName}: {VerificationWords.Attachment(a.Status)} — {a.Message}");
            }
        }

        writer.Heading("Kurallar (sunucuda yeniden denetlendi)");
        writer.Text(report.Rules.Count == 0 ? "Tüm kurallar sağlanıyor." : string.Join(Environment.NewLine, report.Rules.Select(r => $"{r.Message} (kod: {r.Code})")));
        writer.Heading("Fatura karşılaştırması");
        foreach (var invoice in report.Invoices)
        {
            writer.Text($"{invoice.Kind}: {invoice.FileName}", Writer.Bold);
            foreach (var f in invoice.Fields)
            {
                var line = f.Label == EInvoiceCheck.SignatureRowLabel
                    ? $"   {f.Label}: {f.InvoiceValue} {(f.Matches ? "✓" : "✗")}"
                    : $"   {f.Label}: ÖEB «{f.PaymentOrderValue ?? "—"}» / fatura «{f.InvoiceValue ?? "—"}» {(f.Matches ? "✓" : "✗ FARKLI")}";
                writer.Text(line, Writer.Regular, f.Matches ? XBrushes.Black : XBrushes.DarkRed);
            }

            if (invoice.Note is not null)
            {
                writer.Text("   " + invoice.Note);
            }

            if (invoice.Ocr is { } ocr)
            {
                writer.Text(ocr.State switch
                {
                    InvoiceOcrLine.Pending => "   Görüntüden okunan (OCR): henüz okunmadı.",
                    InvoiceOcrLine.Failed => "   Görüntüden okunan (OCR): okunamadı — " + ocr.Reason,
                    _ => "   Görüntüden okunan (OCR, bilgi amaçlı): " + string.Join("; ", ocr.Fields.Select(f => $"{f.Label} «{f.Read ?? "—"}» {OcrWord(f.Outcome)}")),
                }, Writer.Regular, ocr.Fields.Any(f => f.Outcome == OcrFieldOutcome.Disagrees) ? XBrushes.DarkRed : XBrushes.Black);
            }
        }

        using var output = new MemoryStream();
        writer.Dispose();
        document.Save(output, false);
        // PDFsharp's Flate streams lack the zlib end marker that strict readers (qpdf) expect; the signing renderer fixes them the same way.
        return Signatures.Pdf.PdfFlateFixer.Fix(output.ToArray());
    }

    private static string OcrWord(OcrFieldOutcome outcome) => outcome switch
    {
        OcrFieldOutcome.Agrees => "aynı",
        OcrFieldOutcome.Disagrees => "FARKLI",
        _ => "okunamadı",
    };

    private static string Time(DateTimeOffset? at) => at is { } v ? TurkeyTime.StampWithSeconds(v) : "—";

    private sealed class Writer(PdfDocument document) : IDisposable
    {
        public static readonly XFont Regular = new(DejaVuFontResolver.Family, 9, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
        public static readonly XFont Bold = new(DejaVuFontResolver.Family, 9, XFontStyleEx.Bold, new XPdfFontOptions(PdfFontEncoding.Unicode));
        public static readonly XFont Title = new(DejaVuFontResolver.Family, 13, XFontStyleEx.Bold, new XPdfFontOptions(PdfFontEncoding.Unicode));

        private XGraphics? _graphics;
        private PdfPage? _page;
        private double _y;

        public void Heading(string text)
        {
            _y += 6;
            Text(text, Bold);
        }

        public void Text(string text, XFont? font = null, XBrush? brush = null)
        {
            font ??= Regular;
            foreach (var paragraph in text.Split('\n'))
            {
                foreach (var line in Wrap(paragraph, font))
                {
                    var height = font.Size * 1.35;
                    if (_graphics is null || _y + height > _page!.Height.Point - Margin)
                    {
                        NewPage();
                    }

                    _graphics!.DrawString(line, font, brush ?? XBrushes.Black, new XRect(Margin, _y, _page!.Width.Point - (2 * Margin), height), XStringFormats.TopLeft);
                    _y += height;
                }
            }
        }

        private IEnumerable<string> Wrap(string text, XFont font)
        {
            if (_graphics is null)
            {
                NewPage();
            }

            var width = _page!.Width.Point - (2 * Margin);
            var current = string.Empty;
            foreach (var word in text.Split(' '))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && _graphics!.MeasureString(candidate, font).Width > width)
                {
                    yield return current;
                    current = word;
                }
                else
                {
                    current = candidate;
                }
            }

            yield return current;
        }

        private void NewPage()
        {
            _graphics?.Dispose();
            _page = document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        public void Dispose() => _graphics?.Dispose();
    }
}
