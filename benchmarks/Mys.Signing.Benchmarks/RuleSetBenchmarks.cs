using BenchmarkDotNet.Attributes;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Budget;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;

namespace Mys.Signing.Benchmarks;

/// <summary>Target: all rules over an ÖEB with 50 attachments in under 1 ms.</summary>
[MemoryDiagnoser]
public class RuleSetBenchmarks
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private readonly PaymentOrderRuleSet _rules = PaymentOrderRuleSet.Default;
    private readonly RuleContext _context = new(CatalogSeed.Catalog(), EmptyContractHistory.Instance, RuleOptions.Default, new DateOnly(2025, 6, 15));
    private PaymentOrder _valid = null!;
    private PaymentOrder _invalid = null!;

    [GlobalSetup]
    public void Setup()
    {
        _valid = Build(validInvoices: true);
        _invalid = Build(validInvoices: false);
        if (!_rules.Evaluate(_valid, _context).IsSatisfied)
        {
            throw new InvalidOperationException("The valid ÖEB should pass: " + string.Join("; ", _rules.Evaluate(_valid, _context).Violations));
        }
    }

    [Benchmark(Description = "Evaluate all rules, 50 attachments, no violations")]
    public RuleReport EvaluateValid() => _rules.Evaluate(_valid, _context);

    [Benchmark(Description = "Evaluate all rules, 50 attachments, many R9 violations")]
    public RuleReport EvaluateInvalid() => _rules.Evaluate(_invalid, _context);

    [Benchmark(Description = "Document checklist, 50 attachments")]
    public IReadOnlyList<ChecklistItem> Checklist() => PaymentOrderRuleSet.Checklist(_valid, _context);

    private static PaymentOrder Build(bool validInvoices)
    {
        var order = PaymentOrder.Create(
            Guid.NewGuid(), DocumentNumber.From("2025/1"), new DateOnly(2025, 6, 10), 2025, Guid.NewGuid(), Guid.NewGuid(),
            ExpenseTypeCodes.DirectProcurementGoods, new Actor(Guid.NewGuid(), Role.DataEntryOfficer), DateTimeOffset.UnixEpoch).Value;
        order.SetClassification(BudgetClassification.Parse("38.01.00.05", "01.3.9.00", "1", "03.2.1.01").Value);
        order.SetAmounts(Money.From(50_000m), Deductions.None);
        order.AddLine(AccountingLine.Debit("630", 50_000m));
        order.AddLine(AccountingLine.Credit("320.01", 50_000m));
        order.SetPayee(Payee.Create("Tedarikçi A.Ş.", TaxId.From("4540536920"), "Çankaya", Iban.From("TR330006100519786457841326"), "Ziraat").Value);

        Add(order, new SupportingDocumentSpec { DocumentTypeCode = DocumentTypeCodes.SpendingInstruction, Source = DocumentSource.SystemProduced, StructuredDocumentId = "HTOB-1" });
        Add(order, new SupportingDocumentSpec { DocumentTypeCode = DocumentTypeCodes.AssetVoucher, Source = DocumentSource.SystemProduced, StructuredDocumentId = "VIF-1" });
        Add(order, Signed(DocumentTypeCodes.MarketResearch));
        Add(order, Signed(DocumentTypeCodes.AcceptanceReport));
        for (var i = 0; i < 46; i++)
        {
            Add(order, i % 2 == 0
                ? new SupportingDocumentSpec
                {
                    DocumentTypeCode = DocumentTypeCodes.Invoice,
                    Source = DocumentSource.Scan,
                    FileName = "fatura.pdf",
                    SizeBytes = 20_000,
                    Sha256 = Sha,
                    MediaType = "application/pdf",
                    Invoice = validInvoices
                        ? new InvoiceDetails("ABC20250000000" + (i % 10), i % 4 == 0 ? "4540536920" : "10000000146", new DateOnly(2025, 5, 1))
                        : new InvoiceDetails(null, "4540536921", null),
                }
                : new SupportingDocumentSpec
                {
                    DocumentTypeCode = validInvoices ? DocumentTypeCodes.EInvoice : DocumentTypeCodes.Invoice,
                    Source = validInvoices ? DocumentSource.EFaturaLink : DocumentSource.Scan,
                    StructuredDocumentId = validInvoices ? Guid.NewGuid().ToString("D") : null,
                    FileName = validInvoices ? null : "x.pdf",
                    SizeBytes = validInvoices ? 0 : 1,
                    Sha256 = validInvoices ? null : Sha,
                    Invoice = validInvoices ? null : new InvoiceDetails("", "", new DateOnly(2030, 1, 1)),
                });
        }

        return order;
    }

    private static SupportingDocumentSpec Signed(string type) => new()
    {
        DocumentTypeCode = type,
        Source = DocumentSource.Scan,
        FileName = "belge.pdf",
        SizeBytes = 30_000,
        Sha256 = Sha,
        MediaType = "application/pdf",
        CarriesSignatures = true,
    };

    private static void Add(PaymentOrder order, SupportingDocumentSpec spec) => order.AddAttachment(SupportingDocument.Create(Guid.NewGuid(), spec).Value);
}
