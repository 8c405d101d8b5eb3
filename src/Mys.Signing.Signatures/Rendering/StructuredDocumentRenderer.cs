using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mys.Signing.Signatures.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Mys.Signing.Signatures.Rendering;

/// <summary>
/// Renders an HTOB or VİF as an A4 PDF with DejaVu Sans embedded, in the layout of the ÖEB printout. Deterministic for a
/// given model (ids, dates and font subset tags derived from it) and passes qpdf --check.
/// </summary>
public static class StructuredDocumentRenderer
{
    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    public static byte[] Render(StructuredDocumentPrintModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        DejaVuFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(model.Title + "|" + model.DocumentNumber + "|" + model.CanonicalSha256));
        document.Internals.FirstDocumentID = Convert.ToHexString(seed, 0, 16);
        document.Internals.SecondDocumentID = Convert.ToHexString(seed, 0, 16);
        document.Info.Title = model.Title + " " + model.DocumentNumber;
        document.Info.CreationDate = model.GeneratedAt.UtcDateTime;
        document.Info.ModificationDate = model.GeneratedAt.UtcDateTime;
        document.Info.Creator = "Mys.Signing";

        using (var w = new PageWriter(document, PageFonts.Complete))
        {
            w.Text(model.Title, w.TitleFont, new XRect(PageWriter.Margin, w.Y, w.Width, 18), XStringFormats.TopCenter);
            w.Y += 24;
            w.Line("Belge No / Tarih:", model.DocumentNumber + " / " + model.DocumentDate.ToString("dd.MM.yyyy", Turkish));
            w.Line("Harcama Birimi:", model.SpendingUnitName);
            Write(w, model.Fields);
            if (model.TableRows.Count > 0)
            {
                w.Heading(model.TableHeading ?? string.Empty);
                w.Table([.. model.TableWidths], model.TableRows, model.TableRightAlignedFrom);
            }

            Write(w, model.TrailingFields);

            w.Heading("Yapılandırılmış Belge");
            w.Paragraph("Bu çıktı, sistemde saklanan yapılandırılmış belgenin (kanonik JSON) görüntüsüdür. "
                        + "Belgenin kendisi JSON biçimidir; SHA-256: " + model.CanonicalSha256.ToUpperInvariant());
        }

        PdfAConformance.AddOutputIntent(document);
        return PdfAConformance.SaveAndFinish(document, seed);
    }

    private static void Write(PageWriter w, IReadOnlyList<PrintField> fields)
    {
        foreach (var field in fields)
        {
            if (field.Label is null)
            {
                w.Heading(field.Value);
            }
            else
            {
                w.Line(field.Label, field.Value);
            }
        }
    }
}
