using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.Parties;

namespace Mys.Signing.Domain.Invoices;

/// <summary>
/// Reads the fields an ÖEB needs from a UBL-TR 1.2.x e-Fatura (domain.md §5; any ProfileID and InvoiceTypeCode): ETTN (cbc:UUID), invoice number
/// (cbc:ID, 16 characters per GİB), issue date, supplier VKN/TCKN (AccountingSupplierParty/Party/PartyIdentification/ID with schemeID
/// VKN or TCKN), payable amount (LegalMonetaryTotal/PayableAmount) and its currency.
/// Parsing is hardened: DTDs are prohibited (no entity expansion, no billion laughs), no external resolution,
/// bounded input size. The XAdES signature inside is not checked here.
/// </summary>
public sealed class UblTrInvoiceReader
{
    public const string InvoiceNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    public const string CbcNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    public const string CacNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";

    private static readonly XNamespace Cbc = CbcNamespace;
    private static readonly XNamespace Cac = CacNamespace;
    private static readonly byte[] DoctypeMarker = "<!DOCTYPE"u8.ToArray();

    public UblTrInvoiceReader(int maxBytes = 20 * 1024 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        MaxBytes = maxBytes;
    }

    /// <summary>Largest accepted input; e-Faturas may embed an XSLT or PDF, hence the generous default (20 MB).</summary>
    public int MaxBytes { get; }

    public Result<EInvoice> Read(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = input.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return Fail("EINVOICE_TOO_LARGE", "e-Fatura dosyası izin verilen boyutu aşıyor.");
            }

            buffer.Write(chunk, 0, read);
        }

        return Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    public Result<EInvoice> Read(ReadOnlyMemory<byte> xml)
    {
        if (xml.Length == 0)
        {
            return Fail("EINVOICE_EMPTY", "e-Fatura dosyası boş.");
        }

        if (xml.Length > MaxBytes)
        {
            return Fail("EINVOICE_TOO_LARGE", "e-Fatura dosyası izin verilen boyutu aşıyor.");
        }

        XDocument document;
        try
        {
            using var stream = new MemoryStream(xml.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, Settings(MaxBytes));
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            return xml.Span.IndexOf(DoctypeMarker) >= 0
                ? Fail("EINVOICE_DTD", "e-Fatura DTD (DOCTYPE) içeremez; güvenlik nedeniyle reddedildi.")
                : Fail("EINVOICE_XML", $"e-Fatura geçerli bir XML belgesi değil (satır {ex.LineNumber}, sütun {ex.LinePosition}).");
        }

        return Extract(document);
    }

    private static XmlReaderSettings Settings(int maxBytes) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxBytes,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private static Result<EInvoice> Extract(XDocument document)
    {
        var root = document.Root;
        if (root is null || root.Name != XName.Get("Invoice", InvoiceNamespace))
        {
            return Fail("EINVOICE_NOT_INVOICE", root is null
                ? "Belge bir UBL-TR faturası (Invoice) değil."
                : $"Belge bir UBL-TR faturası (Invoice) değil: kök öğe «{Shown(root.Name.LocalName)}» ({Shown(root.Name.NamespaceName)}).");
        }

        var uuid = Text(root.Element(Cbc + "UUID"));
        var number = Text(root.Element(Cbc + "ID"));
        var issueDate = Text(root.Element(Cbc + "IssueDate"));
        var payable = root.Element(Cac + "LegalMonetaryTotal")?.Element(Cbc + "PayableAmount");
        var supplierId = root.Element(Cac + "AccountingSupplierParty")?.Element(Cac + "Party")?.Elements(Cac + "PartyIdentification")
            .Select(p => p.Element(Cbc + "ID"))
            .FirstOrDefault(id => id?.Attribute("schemeID")?.Value is "VKN" or "TCKN");

        if (uuid is null)
        {
            return Missing("ETTN (cbc:UUID)");
        }

        if (!Guid.TryParseExact(uuid, "D", out var ettn))
        {
            return Fail("EINVOICE_ETTN_INVALID", $"e-Fatura ETTN'si (cbc:UUID) «{Shown(uuid)}» GUID biçiminde değil (ör. e093a490-dd99-11dd-ad8b-0800200c9a66).");
        }

        if (number is null)
        {
            return Missing("fatura numarası (cbc:ID)");
        }

        if (!IsInvoiceNumber(number))
        {
            return Fail("EINVOICE_NUMBER_INVALID", $"e-Fatura numarası (cbc:ID) «{Shown(number)}» geçersiz: 16 karakter olmalıdır: 3 harf/rakam, 4 haneli yıl, 9 haneli sıra (ör. ABC2025000000001).");
        }

        if (issueDate is null)
        {
            return Missing("fatura tarihi (cbc:IssueDate)");
        }

        if (XsDate.Parse(issueDate) is not { } date)
        {
            return Fail("EINVOICE_DATE_INVALID",
                $"e-Fatura tarihi (cbc:IssueDate) «{Shown(issueDate)}» geçerli bir tarih değil; YYYY-AA-GG biçiminde olmalı, isteğe bağlı saat dilimiyle (ör. 2024-03-18 veya 2024-03-18+03:00).");
        }

        if (supplierId is null || Text(supplierId) is not { } supplierText)
        {
            return Missing("satıcı VKN/TCKN (AccountingSupplierParty/Party/PartyIdentification/ID)");
        }

        var supplier = TaxId.Parse(supplierText);
        var scheme = supplierId.Attribute("schemeID")!.Value;
        if (!supplier.IsSuccess || !string.Equals(supplier.Value.Label, scheme, StringComparison.Ordinal))
        {
            return Fail("EINVOICE_SUPPLIER_INVALID", supplier.IsSuccess
                ? $"e-Fatura satıcı kimlik numarası «{Shown(supplierText)}» bir {supplier.Value.Label}, ama schemeID «{scheme}» diyor."
                : $"e-Fatura satıcı kimlik numarası ({scheme}) «{Shown(supplierText)}» geçersiz: {supplier.Error!.Message}");
        }

        if (payable is null || Text(payable) is not { } amountText)
        {
            return Missing("ödenecek tutar (LegalMonetaryTotal/PayableAmount)");
        }

        if (!decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return Fail("EINVOICE_AMOUNT_INVALID", $"e-Fatura ödenecek tutarı (PayableAmount) «{Shown(amountText)}» sayı değil (ör. 1180.00).");
        }

        var currency = payable.Attribute("currencyID")?.Value.Trim() ?? Text(root.Element(Cbc + "DocumentCurrencyCode"));
        if (string.IsNullOrEmpty(currency))
        {
            return Missing("para birimi (currencyID)");
        }

        return Result<EInvoice>.Success(new EInvoice(
            ettn, number, date, supplier.Value, amount, currency, Text(root.Element(Cbc + "ProfileID")), Text(root.Element(Cbc + "InvoiceTypeCode"))));
    }

    // GİB: 3 alphanumeric prefix characters, 4-digit year, 9-digit sequence (domain.md §5).
    private static bool IsInvoiceNumber(string number)
    {
        if (number.Length != 16)
        {
            return false;
        }

        for (var i = 0; i < 16; i++)
        {
            var ok = i < 3 ? char.IsAsciiLetterOrDigit(number[i]) : char.IsAsciiDigit(number[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    // What the file says, bounded so a hostile value cannot flood the message.
    private static string Shown(string value) => value.Length <= 60 ? value : value[..60] + "…";

    private static string? Text(XElement? element)
    {
        var value = element?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static Result<EInvoice> Missing(string field) => Fail("EINVOICE_FIELD_MISSING", $"e-Faturada zorunlu alan eksik: {field}.");

    private static Result<EInvoice> Fail(string code, string message) => Result<EInvoice>.Failure(code, message);
}
