using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;

namespace Mys.Signing.Domain.Tests.TestSupport;

/// <summary>Shared values: a fixed "today", the seeded catalogue and actors in each role.</summary>
public static class Fixtures
{
    public const string ValidVkn = "4540536920";
    public const string OtherValidVkn = "1234567890";
    public const string ValidTckn = "10000000146";
    public const string ValidIban = "TR330006100519786457841326";
    public const string Ettn = "e093a490-dd99-11dd-ad8b-0800200c9a66";
    public const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    public static readonly DateOnly Today = new(2025, 6, 15);
    public static readonly DateTimeOffset Now = new(2025, 6, 15, 9, 30, 0, TimeSpan.FromHours(3));

    public static readonly Guid SpendingUnit = Guid.Parse("11111111-1111-1111-1111-111111111111");
    public static readonly Guid AccountingUnit = Guid.Parse("22222222-2222-2222-2222-222222222222");

    public static readonly Actor DataEntry = new(Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001"), Role.DataEntryOfficer);
    public static readonly Actor Realization = new(Guid.Parse("aaaaaaaa-0000-0000-0000-000000000002"), Role.RealizationOfficer);
    public static readonly Actor Authority = new(Guid.Parse("aaaaaaaa-0000-0000-0000-000000000003"), Role.SpendingAuthority);
    public static readonly Actor Accounting = new(Guid.Parse("aaaaaaaa-0000-0000-0000-000000000004"), Role.AccountingOfficer);

    public static DocumentCatalog SeedCatalog { get; } = CatalogSeed.Catalog();

    public static RuleContext Context(IContractHistory? contracts = null, RuleOptions? options = null, DateOnly? today = null) =>
        new(SeedCatalog, contracts ?? EmptyContractHistory.Instance, options ?? RuleOptions.Default, today ?? Today);

    public static PaymentOrderRuleSet RuleSet => PaymentOrderRuleSet.Default;

    public static RuleReport Evaluate(PaymentOrder order, IContractHistory? contracts = null, RuleOptions? options = null) =>
        RuleSet.Evaluate(order, Context(contracts, options));

    public static SupportingDocument Attachment(SupportingDocumentSpec spec) => SupportingDocument.Create(Guid.NewGuid(), spec).Value;

    public static SupportingDocumentSpec EInvoiceLink(string ettn = Ettn) => new()
    {
        DocumentTypeCode = DocumentTypeCodes.EInvoice,
        Source = DocumentSource.EFaturaLink,
        StructuredDocumentId = ettn,
    };

    public static SupportingDocumentSpec ScannedInvoice(string? number = "ABC2025000000001", string? supplier = ValidVkn, DateOnly? date = null) => new()
    {
        DocumentTypeCode = DocumentTypeCodes.Invoice,
        Source = DocumentSource.Scan,
        FileName = "fatura.pdf",
        SizeBytes = 12_345,
        Sha256 = Sha,
        MediaType = "application/pdf",
        Invoice = new InvoiceDetails(number, supplier, date ?? new DateOnly(2025, 6, 1)),
    };

    public static SupportingDocumentSpec SystemProduced(string typeCode, string id = "HTOB-2025-0001") => new()
    {
        DocumentTypeCode = typeCode,
        Source = DocumentSource.SystemProduced,
        StructuredDocumentId = id,
    };

    public static SupportingDocumentSpec SignedScan(string typeCode, bool isSigned = true, bool commitment = false) => new()
    {
        DocumentTypeCode = typeCode,
        Source = DocumentSource.Scan,
        FileName = typeCode.ToLowerInvariant() + ".pdf",
        SizeBytes = 50_000,
        Sha256 = Sha,
        MediaType = "application/pdf",
        CarriesSignatures = isSigned,
        IsCommitmentFile = commitment,
    };
}
