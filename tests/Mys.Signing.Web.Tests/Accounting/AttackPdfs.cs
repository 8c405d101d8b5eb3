using System.Text;
using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Web.Tests.Accounting;

/// <summary>Attacks on a signed ÖEB that only a revision-aware validator catches.</summary>
internal static class AttackPdfs
{
    /// <summary>
    /// Redefines the first page's content object after the last %%EOF with no xref section: readers that reconstruct
    /// the file (qpdf, many viewers) render the attacker's content although no signature covers it.
    /// </summary>
    public static byte[] AppendObjectWithoutXref(byte[] pdf)
    {
        var file = PdfFile.Load(pdf);
        var page = file.ResolveDictionary(((PdfArray)file.ResolveDictionary(file.Catalog["Pages"])!["Kids"]!).Items[0])!;
        var contents = ((PdfReference)page["Contents"]!).Number;
        var content = "BT /F0 14 Tf 300 510 Td (99.999,00 TL) Tj ET";
        return [.. pdf, .. Encoding.ASCII.GetBytes($"{contents} 0 obj\n<< /Length {content.Length} >>\nstream\n{content}\nendstream\nendobj\n")];
    }
}
