using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using S = Mys.Signing.Domain.Catalog.DocumentSource;

namespace Mys.Signing.Domain.Tests.Catalog;

public sealed class CatalogEditingTests
{
    private static readonly DocumentCatalog Seed = CatalogSeed.Catalog();

    private static DocumentType Type(string code) => Seed.FindDocumentType(code)!;

    private static ExpenseType Expense(string code) => Seed.FindExpenseType(code)!;

    [Fact]
    public void Every_seeded_document_type_passes_its_own_validation_unchanged()
    {
        foreach (var type in Seed.DocumentTypes)
        {
            var result = CatalogEditing.Change(type, new DocumentTypeChange(type.Name, type.IsStructured, type.AllowedSources.ToArray(), type.MustBeSignedBeforeAttaching, type.IsInvoice));
            result.IsSuccess.ShouldBeTrue(type.Code + ": " + result.Error);
        }
    }

    [Fact]
    public void A_document_types_name_sources_and_signature_flag_change()
    {
        var result = CatalogEditing.Change(Type(DocumentTypeCodes.BankReceipt), new DocumentTypeChange("  Banka Dekontu (e-dekont)  ", false, [S.Integration, S.ElectronicallyProduced], true, false));

        result.IsSuccess.ShouldBeTrue();
        result.Value.Name.ShouldBe("Banka Dekontu (e-dekont)");
        result.Value.AllowedSources.ShouldBe([S.ElectronicallyProduced, S.Integration]);
        result.Value.MustBeSignedBeforeAttaching.ShouldBeTrue();
        result.Value.Code.ShouldBe(DocumentTypeCodes.BankReceipt);
    }

    [Fact]
    public void An_empty_name_no_source_and_a_structured_scan_are_all_reported_at_once()
    {
        var none = CatalogEditing.Change(Type(DocumentTypeCodes.BankReceipt), new DocumentTypeChange(" ", false, [], false, false));
        none.Error!.Code.ShouldBe("CATALOG_DOCUMENT_TYPE_INVALID");
        none.Error.Message.ShouldContain("Ad boş olamaz.");
        none.Error.Message.ShouldContain("En az bir giriş şekli seçilmelidir.");

        CatalogEditing.Change(Type(DocumentTypeCodes.BankReceipt), new DocumentTypeChange("Dekont", true, [S.Scan], false, false))
            .Error!.Message.ShouldContain("dosya olarak yüklenemez");
        CatalogEditing.Change(Type(DocumentTypeCodes.BankReceipt), new DocumentTypeChange("Dekont", false, [S.SystemProduced], false, false))
            .Error!.Message.ShouldContain("'sistemde üretilmiş'");
    }

    [Theory]
    [InlineData(DocumentTypeCodes.EInvoice)]
    [InlineData(DocumentTypeCodes.SpendingInstruction)]
    public void The_nature_of_the_types_the_system_produces_or_reads_cannot_change_but_their_name_can(string code)
    {
        var type = Type(code);

        CatalogEditing.Change(type, new DocumentTypeChange(type.Name, false, [S.Scan], false, type.IsInvoice)).IsSuccess.ShouldBeFalse();
        CatalogEditing.Change(Type(DocumentTypeCodes.Invoice), new DocumentTypeChange("Fatura", false, [S.Scan], false, IsInvoice: false))
            .Error!.Message.ShouldContain("değiştirilemez");
        CatalogEditing.Change(type, new DocumentTypeChange(type.Name + " (yeni ad)", type.IsStructured, type.AllowedSources.ToArray(), type.MustBeSignedBeforeAttaching, type.IsInvoice))
            .Value.Name.ShouldEndWith("(yeni ad)");
    }

    [Fact]
    public void An_expense_types_required_documents_change_and_the_htob_line_follows_the_flag()
    {
        var current = Expense(ExpenseTypeCodes.Electricity);
        var change = new ExpenseTypeChange(current.Name, RequiresSpendingInstruction: true,
            [new RequiredDocumentChange("FATURA", "Fatura", [DocumentTypeCodes.EInvoice, DocumentTypeCodes.Invoice], false), new RequiredDocumentChange("DEKONT", "Banka dekontu", [DocumentTypeCodes.BankReceipt], true)],
            [DocumentTypeCodes.Contract]);

        var result = CatalogEditing.Change(current, change, Seed);

        result.IsSuccess.ShouldBeTrue();
        result.Value.RequiredDocuments.Select(r => r.Key).ShouldBe(["HTOB", "FATURA", "DEKONT"]);
        result.Value.RequiredDocuments[2].IsUncertain.ShouldBeTrue();
        result.Value.Allows(DocumentTypeCodes.BankReceipt).ShouldBeTrue();
        result.Value.Allows(DocumentTypeCodes.Contract).ShouldBeTrue();
        result.Value.Allows(DocumentTypeCodes.Payroll).ShouldBeFalse();
    }

    [Fact]
    public void Unknown_codes_duplicate_keys_and_incomplete_lines_are_refused_with_their_row_numbers()
    {
        var current = Expense(ExpenseTypeCodes.Electricity);
        var change = new ExpenseTypeChange("", false,
        [
            new RequiredDocumentChange("A", "Birinci", ["YOK_BOYLE"], false),
            new RequiredDocumentChange("B", "İkinci", [DocumentTypeCodes.Invoice], false),
            new RequiredDocumentChange("B", "Üçüncü", [DocumentTypeCodes.Invoice], false),
            new RequiredDocumentChange("C", " ", [], false),
        ], ["BILINMEYEN"]);

        var error = CatalogEditing.Change(current, change, Seed).Error!;

        error.Code.ShouldBe("CATALOG_EXPENSE_TYPE_INVALID");
        error.Message.ShouldContain("Ad boş olamaz.");
        error.Message.ShouldContain("Zorunlu belge satırı 1: bilinmeyen belge türü: YOK_BOYLE.");
        error.Message.ShouldContain("Zorunlu belge satırı 3: 'B' anahtarı birden çok kez kullanılmış");
        error.Message.ShouldContain("Zorunlu belge satırı 4: anahtar, ad ve en az bir kabul edilen belge türü girilmelidir.");
        error.Message.ShouldContain("Bilinmeyen belge türü: BILINMEYEN.");
    }
}
