using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Invoices;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Signatures.Validation;
using Mys.Signing.Application.Seeding;

namespace Mys.Signing.Application.Tests.Verification;

/// <summary>Inputs for the report's checks: the demo's electricity ÖEB, signatures as the validator reports them, an empty report.</summary>
internal static class ReportTestData
{
    public const string PayeeVkn = "4540536920";
    public const string OtherVkn = "1234567890";
    public const string Tckn = "10000000146";
    public const string OtherTckn = "10000000078";
    public const string InvoiceSha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    public static readonly DateOnly Today = new(2026, 12, 1);
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A complete draft ÖEB (payee VKN <see cref="PayeeVkn"/>, 1.180,00 TL) dated <see cref="Today"/>, with these attachments.</summary>
    public static PaymentOrder Order(params SupportingDocumentSpec[] attachments)
    {
        var order = DemoData.NewElectricityOrder("TEST/0001", "Başkent Elektrik Dağıtım A.Ş.", 1180.00m, null,
            new Actor(Guid.NewGuid(), Role.DataEntryOfficer), Today, Now);
        foreach (var spec in attachments)
        {
            order.AddAttachment(SupportingDocument.Create(Guid.NewGuid(), spec).Value);
        }

        return order;
    }

    public static SupportingDocumentSpec ScannedInvoice(InvoiceDetails? invoice, string? sha256 = InvoiceSha256) => new()
    {
        DocumentTypeCode = DocumentTypeCodes.Invoice,
        Source = DocumentSource.Scan,
        FileName = "fatura.pdf",
        SizeBytes = 12_345,
        Sha256 = sha256,
        MediaType = "application/pdf",
        Invoice = invoice,
    };

    public static SupportingDocumentSpec EInvoiceLink(Guid ettn, EInvoiceSignatureVerdict? verdict = null) => new()
    {
        DocumentTypeCode = DocumentTypeCodes.EInvoice,
        Source = DocumentSource.EFaturaLink,
        StructuredDocumentId = ettn.ToString("D"),
        EInvoiceSignature = verdict,
    };

    /// <summary>A stored verdict on an e-Fatura's signature by the payee's Mali Mühür.</summary>
    public static EInvoiceSignatureVerdict Verdict(EInvoiceVerdictStatus status) =>
        new(status, "test", "Başkent Elektrik Dağıtım A.Ş.", PayeeVkn, true, Now, null);

    public static OebVerificationReport Report() => new()
    {
        DocumentNumber = "TEST/0001",
        SpendingUnit = "Harcama Birimi",
        AccountingUnit = "Ankara Muhasebe Müdürlüğü",
        Status = "Muhasebede",
    };

    public static SignatureReport Signature(string? tckn = Tckn, string? name = "Ayşe Yılmaz", DateTimeOffset? timeStamp = null, DateTimeOffset? claimed = null) => new()
    {
        Kind = "PAdES",
        SignerName = name,
        Tckn = tckn,
        TimeStampTime = timeStamp,
        ClaimedSigningTime = claimed,
    };

    public static SignatureRecord Record(Role role, string reference = "00") => new(Guid.NewGuid(), role, Now, reference);
}
