using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Tests.Catalog;

public sealed class CatalogSeedTests
{
    private static readonly DocumentCatalog Catalog = CatalogSeed.Catalog();

    [Fact]
    public void The_expense_types_of_the_domain_notes_are_seeded()
    {
        Catalog.ExpenseTypes.Select(e => e.Code).ShouldBe(
        [
            "DT_MAL", "DT_HIZMET", "ELEKTRIK", "SU", "DOGALGAZ", "HABERLESME", "IHALE_MAL", "HAKEDIS_HIZMET", "HAKEDIS_YAPIM",
            "GECICI_GOREV_YOLLUGU", "SUREKLI_GOREV_YOLLUGU", "PERSONEL_AYLIK", "KIRA",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Every_document_type_an_expense_type_names_exists()
    {
        foreach (var expenseType in Catalog.ExpenseTypes)
        {
            foreach (var code in expenseType.AllowedDocumentTypeCodes)
            {
                Catalog.FindDocumentType(code).ShouldNotBeNull($"{expenseType.Code} names {code}");
            }
        }
    }

    [Fact]
    public void Codes_are_unique()
    {
        CatalogSeed.DocumentTypes().Select(d => d.Code).ShouldBeUnique();
        CatalogSeed.ExpenseTypes().Select(e => e.Code).ShouldBeUnique();
    }

    [Fact]
    public void Structured_types_are_exactly_htob_vif_and_e_fatura_and_are_only_linked()
    {
        var structured = Catalog.DocumentTypes.Where(d => d.IsStructured).ToList();

        structured.Select(d => d.Code).ShouldBe(["HTOB", "VIF", "EFATURA"], ignoreOrder: true);
        structured.ShouldAllBe(d => d.AllowedSources.All(s => s == DocumentSource.SystemProduced || s == DocumentSource.EFaturaLink));
    }

    [Fact]
    public void Paper_and_e_arsiv_invoices_are_scanned_only()
    {
        var invoice = Catalog.FindDocumentType(DocumentTypeCodes.Invoice)!;

        invoice.IsInvoice.ShouldBeTrue();
        invoice.AllowedSources.ShouldBe([DocumentSource.Scan]);
    }

    [Theory]
    [InlineData("ELEKTRIK")]
    [InlineData("SU")]
    [InlineData("DOGALGAZ")]
    [InlineData("HABERLESME")]
    public void Utilities_need_no_spending_instruction(string code)
    {
        var utility = Catalog.FindExpenseType(code)!;

        utility.RequiresSpendingInstruction.ShouldBeFalse();
        utility.RequiredDocuments.ShouldNotContain(r => r.Accepts(DocumentTypeCodes.SpendingInstruction));
    }

    [Fact]
    public void Direct_procurement_requires_the_spending_instruction()
    {
        var goods = Catalog.FindExpenseType(ExpenseTypeCodes.DirectProcurementGoods)!;

        goods.RequiresSpendingInstruction.ShouldBeTrue();
        goods.RequiredDocuments[0].Accepts(DocumentTypeCodes.SpendingInstruction).ShouldBeTrue();
    }

    [Fact]
    public void Contract_based_types_allow_the_commitment_file_and_others_do_not()
    {
        Catalog.ExpenseTypes.Where(e => e.IsContractBased).Select(e => e.Code).ShouldBe(["IHALE_MAL", "HAKEDIS_HIZMET", "HAKEDIS_YAPIM"], ignoreOrder: true);
        Catalog.ExpenseTypes.ShouldAllBe(e => e.Allows(DocumentTypeCodes.CommitmentFile) == e.IsContractBased);
    }

    [Fact]
    public void Entries_resting_on_unconfirmed_sources_are_marked()
    {
        Catalog.ExpenseTypes.Where(e => e.IsUncertain).Select(e => e.Code).ShouldBe(["IHALE_MAL", "PERSONEL_AYLIK", "KIRA"], ignoreOrder: true);
        Catalog.ExpenseTypes.Where(e => e.IsUncertain).ShouldAllBe(e => e.Note!.Contains("UNCONFIRMED"));
        Catalog.FindDocumentType(DocumentTypeCodes.AssetVoucher)!.Note!.ShouldContain("UNCONFIRMED");
    }

    [Fact]
    public void Lookups_are_ordinal()
    {
        Catalog.FindExpenseType("elektrik").ShouldBeNull();
        Catalog.FindDocumentType(null).ShouldBeNull();
    }
}
