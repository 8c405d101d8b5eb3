using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mys.Signing.Signatures.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using SharpPdfArray = PdfSharp.Pdf.PdfArray;
using SharpPdfDictionary = PdfSharp.Pdf.PdfDictionary;
using SharpPdfName = PdfSharp.Pdf.PdfName;
using SharpPdfString = PdfSharp.Pdf.PdfString;

namespace Mys.Signing.Signatures.Rendering;

/// <summary>
/// Renders the ÖEB as an A4 PDF with DejaVu Sans embedded, a vector QR code and one empty signature field per signer
/// slot. Output is deterministic for a given model and passes qpdf --check (Flate streams are completed afterwards).
/// </summary>
public static class PaymentOrderRenderer
{
    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    /// <summary>Printed under the signature boxes; it also puts the glyphs of the signed appearance into the font subset.</summary>
    private const string LegalNotice =
        "Bu belge, 5070 sayılı Elektronik İmza Kanunu uyarınca güvenli elektronik imza ile imzalanmıştır; imza alanlarındaki zamanlar Türkiye saatidir (TSİ, UTC+3).";
    /// <summary>Printed instead of <see cref="LegalNotice"/> on an unsigned preview.</summary>
    private const string PreviewNotice =
        "ÖNİZLEME: Bu çıktı elektronik imza taşımaz ve hukuki geçerliliği yoktur; ödeme emri belgesi olarak kullanılamaz.";
    private static readonly string[] BudgetHeader = ["Kurumsal", "Fonksiyonel", "Finansman", "Ekonomik", "Tutar"];
    private static readonly string[] LinesHeader = ["Hesap Kodu", "Hesap Adı", "Borç", "Alacak"];
    private static readonly string[] AttachmentsHeader = ["Tür", "Kaynak", "Dosya", "Boyut"];

    public static byte[] Render(PaymentOrderPrintModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        DejaVuFontResolver.EnsureInstalled();
        // An ÖEB that prints a character outside the form's font subset is rendered again with the whole faces.
        return TryRender(model, PageFonts.Form) ?? TryRender(model, PageFonts.Complete)!;
    }

    private static byte[]? TryRender(PaymentOrderPrintModel model, PageFonts fonts)
    {
        using var document = new PdfDocument();
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(model.DocumentNumber + "|" + model.VerificationCode));
        document.Internals.FirstDocumentID = Convert.ToHexString(seed, 0, 16);
        document.Internals.SecondDocumentID = Convert.ToHexString(seed, 0, 16);
        document.Info.Title = model.Title + " " + model.DocumentNumber;
        document.Info.CreationDate = model.GeneratedAt.UtcDateTime;
        document.Info.ModificationDate = model.GeneratedAt.UtcDateTime;
        document.Info.Creator = "Mys.Signing";

        using (var writer = new PageWriter(document, fonts))
        {
            Body(writer, model);
            Signers(document, writer, model);
            if (writer.Uncovered)
            {
                return null;
            }
        }

        var manifest = new SharpPdfDictionary(document);
        manifest.CreateStream(AttachmentManifest.Serialize(model.Attachments));
        document.Internals.AddObject(manifest);
        document.Internals.Catalog.Elements["/" + AttachmentManifest.CatalogKey] = manifest.Reference;

        PdfAConformance.AddOutputIntent(document);
        return PdfAConformance.SaveAndFinish(document, seed);
    }

    /// <summary>
    /// PDFsharp writes random xmpMM uuids and font subset tags ("/ABCDEF+DejaVu…"); replace them in place (same length)
    /// with ones derived from the model, in the order they occur. Works on the bytes: no text copy of the file.
    /// </summary>
    internal static byte[] FixXmpIds(byte[] pdf, byte[] seed)
    {
        var counter = 0;
        var at = 0;
        while ((at = IndexOf(pdf, "uuid:"u8, at)) >= 0)
        {
            if (!IsUuid(pdf.AsSpan(at + 5)))
            {
                at++;
                continue;
            }

            var uuid = new Guid(SHA256.HashData([.. seed, (byte)counter++]).AsSpan(0, 16)).ToString("D");
            Encoding.ASCII.GetBytes(uuid, pdf.AsSpan(at + 5, uuid.Length));
            at += 5 + uuid.Length;
        }

        var tags = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        at = 0;
        while ((at = Array.IndexOf(pdf, (byte)'/', at)) >= 0)
        {
            var candidate = pdf.AsSpan(at + 1);
            if (candidate.Length < 7 || candidate[..6].ContainsAnyExceptInRange((byte)'A', (byte)'Z') || candidate[6] != '+')
            {
                at++;
                continue;
            }

            var old = Encoding.ASCII.GetString(candidate[..6]);
            if (!tags.TryGetValue(old, out var tag))
            {
                var hash = SHA256.HashData([.. seed, 0xF0, (byte)tags.Count]);
                tag = [.. hash.AsSpan(0, 6).ToArray().Select(b => (byte)('A' + (b % 26)))];
                tags[old] = tag;
            }

            tag.CopyTo(candidate);
            at += 8;
        }

        return pdf;
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> value, int from)
    {
        var index = bytes.AsSpan(from).IndexOf(value);
        return index < 0 ? -1 : from + index;
    }

    /// <summary>"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (hex digits of either case) at the start of <paramref name="text"/>.</summary>
    private static bool IsUuid(ReadOnlySpan<byte> text)
    {
        const int Length = 36;
        if (text.Length < Length)
        {
            return false;
        }

        for (var i = 0; i < Length; i++)
        {
            var dash = i is 8 or 13 or 18 or 23;
            if (dash ? text[i] != '-' : !char.IsAsciiHexDigit((char)text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static void Body(PageWriter w, PaymentOrderPrintModel m)
    {
        w.Text(m.Title, w.TitleFont, new XRect(PageWriter.Margin, w.Y, w.Width, 18), XStringFormats.TopCenter);
        w.AppendOperators(QrCodeDrawer.Operators(w.Page.Height.Point, m.VerificationUrl, PageWriter.Margin + w.Width - 70, w.Y, 70));
        w.Y += 24;
        w.Line("Belge No / Tarih:", m.DocumentNumber + " / " + m.DocumentDate.ToString("dd.MM.yyyy", Turkish));
        w.Line("Bütçe Yılı:", m.BudgetYear.ToString(CultureInfo.InvariantCulture));
        w.Line("Kurum:", m.InstitutionName);
        w.Line("Harcama Birimi:", m.SpendingUnitCode + " " + m.SpendingUnitName);
        w.Line("Muhasebe Birimi:", m.AccountingUnitCode + " " + m.AccountingUnitName);
        w.Y = Math.Max(w.Y, PageWriter.Margin + 100);

        w.Heading("Bütçe Sınıflandırması");
        var budget = new List<string[]> { BudgetHeader };
        budget.AddRange(m.BudgetLines.Select(b => new[] { b.Institutional, b.Functional, b.Financing, b.Economic, Money(b.Amount) }));
        w.Table([2, 2, 1, 2, 2], budget, 4);

        w.Heading("Muhasebe Kayıtları");
        var lines = new List<string[]> { LinesHeader };
        lines.AddRange(m.AccountingLines.Select(a => new[] { a.AccountCode, a.AccountName, Money(a.Debit), Money(a.Credit) }));
        w.Table([2, 5, 2, 2], lines, 2);

        w.Heading("Tutarlar");
        w.Line("Brüt Tutar:", Money(m.GrossAmount));
        foreach (var d in m.Deductions)
        {
            w.Line("Kesinti - " + d.Name + ":", Money(d.Amount));
        }

        w.Line("Net Ödenecek Tutar:", Money(m.NetAmount));
        w.Line("Yazıyla:", m.AmountInWords);

        w.Heading("Hak Sahibi");
        w.Line("Adı / Unvanı:", m.Payee.Name);
        w.Line("VKN / TCKN:", m.Payee.TaxOrIdentityNumber);
        w.Line("IBAN / Banka:", m.Payee.Iban + " / " + m.Payee.BankName);

        w.Heading("Açıklama");
        w.Paragraph(m.Description);
        if (!string.IsNullOrWhiteSpace(m.AttachmentsDescription))
        {
            w.Paragraph(m.AttachmentsDescription);
        }

        w.Heading("Ekler");
        w.Table([3, 1.5, 4, 1.5], [AttachmentsHeader]);
        foreach (var a in m.Attachments)
        {
            // The full SHA-256 is what binds the attachment to this signed page; it is never truncated.
            w.Table([3, 1.5, 4, 1.5], [AttachmentsHeader, [a.Type, a.Source, a.FileName, a.Size.ToString("N0", Turkish) + " B"]], 3, skipHeader: true);
            w.Table([1], [["SHA-256"], ["SHA-256: " + a.Sha256]], skipHeader: true);
        }

        w.Heading("Doğrulama");
        w.Line("Doğrulama Kodu:", m.VerificationCode);
        w.Line("Doğrulama Adresi:", m.VerificationUrl);
    }

    private static void Signers(PdfDocument document, PageWriter w, PaymentOrderPrintModel m)
    {
        if (m.Signers.Count == 0)
        {
            return;
        }

        const double boxHeight = 80;
        w.EnsureSpace(boxHeight + 30);
        w.Heading("İmzalar");
        var gap = 8.0;
        var boxWidth = (w.Width - (gap * (m.Signers.Count - 1))) / m.Signers.Count;
        var fields = new List<SharpPdfDictionary>();
        var annots = new SharpPdfArray(document);
        var blank = BlankAppearance(document, boxWidth, boxHeight);
        for (var i = 0; i < m.Signers.Count; i++)
        {
            var slot = m.Signers[i];
            var x = PageWriter.Margin + (i * (boxWidth + gap));
            w.Graphics.DrawRectangle(XPens.DarkGray, x, w.Y, boxWidth, boxHeight);
            w.Text(slot.RoleTitle, w.Bold, new XRect(x + 4, w.Y + 4, boxWidth - 8, 10), XStringFormats.TopLeft);
            w.Text(slot.Name, w.Regular, new XRect(x + 4, w.Y + 16, boxWidth - 8, 10), XStringFormats.TopLeft);
            w.Text(slot.Title, w.Regular, new XRect(x + 4, w.Y + 27, boxWidth - 8, 10), XStringFormats.TopLeft);
            var pageHeight = w.Page.Height.Point;
            var field = new SharpPdfDictionary(document);
            field.Elements["/Type"] = new SharpPdfName("/Annot");
            field.Elements["/Subtype"] = new SharpPdfName("/Widget");
            field.Elements["/FT"] = new SharpPdfName("/Sig");
            field.Elements["/T"] = new SharpPdfString(slot.FieldName);
            field.Elements["/F"] = new PdfInteger(4);
            field.Elements["/Rect"] = new SharpPdfArray(document,
                new PdfReal(Math.Round(x, 2)), new PdfReal(Math.Round(pageHeight - w.Y - boxHeight, 2)),
                new PdfReal(Math.Round(x + boxWidth, 2)), new PdfReal(Math.Round(pageHeight - w.Y, 2)));
            field.Elements["/P"] = w.Page.Reference;
            var appearance = new SharpPdfDictionary(document);
            appearance.Elements["/N"] = blank.Reference;
            field.Elements["/AP"] = appearance;
            document.Internals.AddObject(field);
            annots.Elements.Add(field.Reference!);
            fields.Add(field);
        }

        w.Page.Elements["/Annots"] = annots;
        var form = new SharpPdfDictionary(document);
        var list = new SharpPdfArray(document);
        foreach (var f in fields)
        {
            list.Elements.Add(f.Reference!);
        }

        form.Elements["/Fields"] = list;
        form.Elements["/SigFlags"] = new PdfInteger(3);
        document.Internals.AddObject(form);
        document.Internals.Catalog.Elements["/AcroForm"] = form.Reference;
        w.Y += boxHeight + 6;
        w.Paragraph(m.PrintSignedNotice ? LegalNotice : PreviewNotice);
    }

    /// <summary>PDF/A wants an appearance stream on every widget; an unsigned field shows nothing beyond the printed box.</summary>
    private static SharpPdfDictionary BlankAppearance(PdfDocument document, double width, double height)
    {
        var form = new SharpPdfDictionary(document);
        form.Elements["/Type"] = new SharpPdfName("/XObject");
        form.Elements["/Subtype"] = new SharpPdfName("/Form");
        form.Elements["/BBox"] = new SharpPdfArray(document, new PdfInteger(0), new PdfInteger(0),
            new PdfReal(Math.Round(width, 2)), new PdfReal(Math.Round(height, 2)));
        form.Elements["/Resources"] = new SharpPdfDictionary(document);
        form.CreateStream([]);
        document.Internals.AddObject(form);
        return form;
    }

    private static string Money(decimal amount) => amount.ToString("N2", Turkish) + " TL";
}
