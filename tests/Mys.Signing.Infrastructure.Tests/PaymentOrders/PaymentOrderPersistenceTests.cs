using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Budget;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Organisation;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Infrastructure.Catalog;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Npgsql;

namespace Mys.Signing.Infrastructure.Tests.PaymentOrders;

public sealed class PaymentOrderPersistenceTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private const string Vkn = "4540536920";
    private const string Iban = "TR330006100519786457841326";
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static readonly Actor DataEntry = new(Guid.NewGuid(), Role.DataEntryOfficer);
    private static readonly Actor Realization = new(Guid.NewGuid(), Role.RealizationOfficer);
    private static int _unitCounter;

    [Fact]
    public async Task The_seeded_catalogue_loads_back_equal_to_the_seed()
    {
        await using var db = fixture.NewContext();
        var catalog = await DocumentCatalogLoader.LoadAsync(db);
        var seed = CatalogSeed.Catalog();

        catalog.DocumentTypes.Count.ShouldBe(seed.DocumentTypes.Count);
        catalog.ExpenseTypes.Count.ShouldBe(seed.ExpenseTypes.Count);
        foreach (var expected in seed.ExpenseTypes)
        {
            var actual = catalog.FindExpenseType(expected.Code).ShouldNotBeNull();
            actual.Name.ShouldBe(expected.Name);
            actual.RequiredDocuments.Select(r => (r.Key, r.Name, string.Join(",", r.AcceptedTypeCodes), r.IsUncertain))
                .ShouldBe(expected.RequiredDocuments.Select(r => (r.Key, r.Name, string.Join(",", r.AcceptedTypeCodes), r.IsUncertain)));
            actual.AllowedDocumentTypeCodes.Order(StringComparer.Ordinal).ShouldBe(expected.AllowedDocumentTypeCodes.Order(StringComparer.Ordinal));
            (actual.RequiresSpendingInstruction, actual.IsContractBased, actual.IsUncertain, actual.Note)
                .ShouldBe((expected.RequiresSpendingInstruction, expected.IsContractBased, expected.IsUncertain, expected.Note));
        }

        foreach (var expected in seed.DocumentTypes)
        {
            var actual = catalog.FindDocumentType(expected.Code).ShouldNotBeNull();
            (actual.Name, actual.IsStructured, actual.IsInvoice, actual.IsCommitmentFile, actual.MustBeSignedBeforeAttaching, actual.Note)
                .ShouldBe((expected.Name, expected.IsStructured, expected.IsInvoice, expected.IsCommitmentFile, expected.MustBeSignedBeforeAttaching, expected.Note));
            actual.AllowedSources.ShouldBe(expected.AllowedSources);
        }

        (await DocumentCatalogLoader.SeedAsync(db)).ShouldBe(0, "seeding again adds nothing");
    }

    [Fact]
    public async Task A_full_payment_order_round_trips_with_lines_attachments_invoice_details_and_signature()
    {
        var (su, au) = await UnitsAsync();
        var order = FullOrder(su, au, "2026/0001");
        var catalog = CatalogSeed.Catalog();
        var context = new RuleContext(catalog, EmptyContractHistory.Instance, RuleOptions.Default, new DateOnly(2026, 6, 15));
        order.SubmitForSignature(DataEntry, Now, PaymentOrderRuleSet.Default, context).IsSatisfied.ShouldBeTrue();
        order.RecordRealizationSignature(Realization, Now.AddMinutes(5), "sig-ref-1", PaymentOrderRuleSet.Default, context).Violations.ShouldBeEmpty();
        await using (var db = fixture.NewContext())
        {
            db.PaymentOrders.Add(order);
            await db.SaveChangesAsync();
        }

        await using var read = fixture.NewContext();
        var back = await read.PaymentOrders.SingleAsync(o => o.Id == order.Id);

        back.Number.ShouldBe(order.Number);
        (back.DocumentDate, back.BudgetYear, back.SpendingUnitId, back.AccountingUnitId, back.ExpenseTypeCode, back.Version)
            .ShouldBe((order.DocumentDate, order.BudgetYear, su, au, order.ExpenseTypeCode, 1));
        back.Classification.ShouldBe(order.Classification);
        back.GrossAmount.ShouldBe(Money.From(1180.00m));
        back.Deductions.ShouldBe(order.Deductions);
        back.Deductions.Total.ShouldBe(Money.From(10.00m));
        back.NetPayable.ShouldBe(Money.From(1170.00m));
        back.Payee.ShouldBe(order.Payee);
        back.Description.ShouldBe("Haziran 2026 elektrik bedeli");
        back.Contract.ShouldBeNull();
        back.Lines.ShouldBe(order.Lines);
        back.Attachments.Count.ShouldBe(2);
        var invoice = back.Attachments.Single(a => a.DocumentTypeCode == DocumentTypeCodes.Invoice);
        invoice.Invoice.ShouldBe(new InvoiceDetails("ABC2026000000001", Vkn, new DateOnly(2026, 6, 1)));
        (invoice.FileName, invoice.SizeBytes, invoice.Sha256, invoice.MediaType, invoice.Source)
            .ShouldBe(("fatura.pdf", 12_345L, Sha, "application/pdf", DocumentSource.Scan));
        back.Attachments.Single(a => a.DocumentTypeCode == DocumentTypeCodes.EInvoice).StructuredDocumentId.ShouldBe("e093a490-dd99-11dd-ad8b-0800200c9a66");
        back.AttachmentsDescription.ShouldBe(order.AttachmentsDescription);
        back.AttachmentsDescription.ShouldContain("ABC2026000000001");
        back.Status.ShouldBe(PaymentOrderStatus.AwaitingSpendingAuthoritySignature);
        back.RealizationSignature.ShouldBe(order.RealizationSignature);
        back.SpendingAuthoritySignature.ShouldBeNull();
        back.SubmittedBy.ShouldBe(DataEntry.UserId);
        back.CreatedAt.ShouldBe(Now);
        PaymentOrderRuleSet.Default.Evaluate(back, context).Violations.ShouldBeEmpty("the stored ÖEB evaluates like the original");
    }

    [Fact]
    public async Task Editing_lines_and_attachments_of_a_stored_draft_is_saved()
    {
        var (su, au) = await UnitsAsync();
        var order = FullOrder(su, au, "2026/0002");
        await using (var db = fixture.NewContext())
        {
            db.PaymentOrders.Add(order);
            await db.SaveChangesAsync();
        }

        await using (var db = fixture.NewContext())
        {
            var loaded = await db.PaymentOrders.SingleAsync(o => o.Id == order.Id);
            loaded.RemoveLineAt(1);
            loaded.AddLine(AccountingLine.Credit("320.02", 1170.00m));
            var scanned = loaded.Attachments.Single(a => a.DocumentTypeCode == DocumentTypeCodes.Invoice);
            loaded.ChangeInvoiceDetails(scanned.Id, new InvoiceDetails("XYZ2026000000009", Vkn, new DateOnly(2026, 6, 2)));
            loaded.RemoveAttachment(loaded.Attachments.Single(a => a.DocumentTypeCode == DocumentTypeCodes.EInvoice).Id);
            loaded.SetContract(ContractReference.Create("SOZ-1", 2, Guid.NewGuid()).Value);
            await db.SaveChangesAsync();
        }

        await using var read = fixture.NewContext();
        var back = await read.PaymentOrders.SingleAsync(o => o.Id == order.Id);
        back.Lines.Select(l => l.Account.Value).Order(StringComparer.Ordinal).ShouldBe(["320.02", "360", "630"]);
        back.Attachments.Single().Invoice!.InvoiceNumber.ShouldBe("XYZ2026000000009");
        back.AttachmentsDescription.ShouldContain("XYZ2026000000009");
        back.Contract!.ContractNumber.ShouldBe("SOZ-1");
        back.Contract.ProgressPaymentNumber.ShouldBe(2);
    }

    [Fact]
    public async Task Saving_an_order_audits_its_fields_including_the_deductions_lines_and_attachments()
    {
        var (su, au) = await UnitsAsync();
        var order = FullOrder(su, au, "2026/0030");
        await using (var db = fixture.NewContext())
        {
            db.PaymentOrders.Add(order);
            await db.SaveChangesAsync();
        }

        await using var read = fixture.NewContext();
        var orderRow = await read.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityType == nameof(PaymentOrder) && e.EntityId == order.Id.ToString());
        orderRow.Action.ShouldBe("Created");
        orderRow.Changes.ShouldNotBeNull().ShouldContain("Deductions.StampDuty");
        orderRow.Changes.ShouldContain("10.00");
        orderRow.Changes.ShouldContain("2026/0030");
        (await read.AuditEntries.CountAsync(e => e.EntityType == nameof(AccountingLine) && e.Changes!.Contains(order.Id.ToString()))).ShouldBe(3);
        (await read.AuditEntries.CountAsync(e => e.EntityType == nameof(SupportingDocument) && e.Changes!.Contains(order.Id.ToString()))).ShouldBe(2);
    }

    [Fact]
    public async Task The_same_number_in_the_same_unit_year_and_version_is_refused_by_the_database()
    {
        var (su, au) = await UnitsAsync();
        await using (var db = fixture.NewContext())
        {
            db.PaymentOrders.Add(FullOrder(su, au, "2026/0003"));
            await db.SaveChangesAsync();
        }

        await using var second = fixture.NewContext();
        second.PaymentOrders.Add(FullOrder(su, au, "2026/0003"));
        var error = await Should.ThrowAsync<DbUpdateException>(() => second.SaveChangesAsync());
        error.InnerException.ShouldBeOfType<PostgresException>().SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation);

        var (otherSu, otherAu) = await UnitsAsync();
        await using var third = fixture.NewContext();
        third.PaymentOrders.Add(FullOrder(otherSu, otherAu, "2026/0003"));
        await third.SaveChangesAsync(); // another unit may use the same number
    }

    [Fact]
    public async Task A_stale_copy_is_refused_by_the_row_version()
    {
        var (su, au) = await UnitsAsync();
        var order = FullOrder(su, au, "2026/0004");
        await using (var db = fixture.NewContext())
        {
            db.PaymentOrders.Add(order);
            await db.SaveChangesAsync();
        }

        await using var first = fixture.NewContext();
        await using var second = fixture.NewContext();
        var a = await first.PaymentOrders.SingleAsync(o => o.Id == order.Id);
        var b = await second.PaymentOrders.SingleAsync(o => o.Id == order.Id);
        a.SetDescription("birinci");
        await first.SaveChangesAsync();
        b.SetDescription("ikinci");

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task The_contract_history_finds_the_sent_order_that_carried_the_commitment_file()
    {
        var (su, au) = await UnitsAsync();
        var first = FullOrder(su, au, "2026/0010", ExpenseTypeCodes.ServiceProgressPayment);
        first.SetContract(ContractReference.Create("SOZ-77", 1).Value);
        first.AddAttachment(SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
        {
            DocumentTypeCode = DocumentTypeCodes.CommitmentFile, Source = DocumentSource.Scan, FileName = "taahhut.pdf", SizeBytes = 10, Sha256 = Sha,
            MediaType = "application/pdf", CarriesSignatures = true, IsCommitmentFile = true,
        }).Value);
        await using (var db = fixture.NewContext())
        {
            db.PaymentOrders.Add(first);
            await db.SaveChangesAsync();
        }

        await using (var db = fixture.NewContext())
        {
            new StoredContractHistory(db).FindCommitmentFileCarrier(su, "SOZ-77").ShouldBeNull("a draft is not history");
        }

        await fixture.Database.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"UPDATE \"PaymentOrders\" SET \"Status\" = {(int)PaymentOrderStatus.SentToAccounting} WHERE \"Id\" = '{first.Id}'"));

        await using (var db = fixture.NewContext())
        {
            new StoredContractHistory(db).FindCommitmentFileCarrier(su, "SOZ-77").ShouldBe(new CommitmentFileCarrier(first.Id, 1));
            new StoredContractHistory(db).FindCommitmentFileCarrier(su, "SOZ-78").ShouldBeNull();
            new StoredContractHistory(db).FindCommitmentFileCarrier(Guid.NewGuid(), "SOZ-77").ShouldBeNull();

            var later = FullOrder(su, au, "2026/0011", ExpenseTypeCodes.ServiceProgressPayment);
            later.SetContract(ContractReference.Create("SOZ-77", 2, first.Id).Value);
            var history = await StoredContractHistory.PreloadAsync(db, later, default);
            var context = new RuleContext(CatalogSeed.Catalog(), history, RuleOptions.Default, new DateOnly(2026, 6, 15));
            PaymentOrderRuleSet.Default.Evaluate(later, context).Violations.Where(v => v.Code.StartsWith("R4", StringComparison.Ordinal)).ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task A_new_version_of_a_returned_order_is_saved_next_to_it_with_the_same_number()
    {
        var (su, au) = await UnitsAsync();
        var order = FullOrder(su, au, "2026/0020");
        await using (var db = fixture.NewContext())
        {
            db.PaymentOrders.Add(order);
            await db.SaveChangesAsync();
        }

        await fixture.Database.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"UPDATE \"PaymentOrders\" SET \"Status\" = {(int)PaymentOrderStatus.Returned} WHERE \"Id\" = '{order.Id}'"));
        var nextId = Guid.NewGuid();
        await using (var db = fixture.NewContext())
        {
            var returned = await db.PaymentOrders.SingleAsync(o => o.Id == order.Id);
            db.PaymentOrders.Add(returned.StartNewVersion(nextId, DataEntry, Now.AddDays(1)));
            await db.SaveChangesAsync();
        }

        await using var read = fixture.NewContext();
        var next = await read.PaymentOrders.SingleAsync(o => o.Id == nextId);
        (next.Version, next.PreviousVersionId, next.Number.Value, next.Status).ShouldBe((2, order.Id, "2026/0020", PaymentOrderStatus.Draft));
        next.Lines.Count.ShouldBe(3);
        next.Attachments.Count.ShouldBe(2);
        next.Payee!.Name.ShouldBe("Başkent Elektrik Dağıtım A.Ş.");
        (await read.PaymentOrders.SingleAsync(o => o.Id == order.Id)).NextVersionId.ShouldBe(nextId);
    }

    [Fact]
    public async Task Many_invoice_attachments_load_back_in_entry_order_so_R9_and_the_invoice_lines_still_match()
    {
        var (su, au) = await UnitsAsync();
        var order = FullOrder(su, au, "2026/0030");
        for (var i = 1; i <= 20; i++)
        {
            order.AddAttachment(ScannedInvoice(i));
        }

        var expected = order.Attachments.Select(a => a.Id).ToList();
        var context = new RuleContext(CatalogSeed.Catalog(), EmptyContractHistory.Instance, RuleOptions.Default, new DateOnly(2026, 6, 15));
        PaymentOrderRuleSet.Default.Evaluate(order, context).Violations.ShouldBeEmpty();
        await using (var db = fixture.NewContext())
        {
            db.PaymentOrders.Add(order);
            await db.SaveChangesAsync();
        }

        await using (var db = fixture.NewContext())
        {
            var loaded = await db.PaymentOrders.SingleAsync(o => o.Id == order.Id);
            loaded.Attachments.Select(a => a.Id).ShouldBe(expected, "attachments come back in the order they were added");
            loaded.RemoveAttachment(expected[5]);
            loaded.AddAttachment(ScannedInvoice(21));
            expected.RemoveAt(5);
            expected.Add(loaded.Attachments[^1].Id);
            await db.SaveChangesAsync();
        }

        await using var read = fixture.NewContext();
        var back = await read.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == order.Id);
        back.Attachments.Select(a => a.Id).ShouldBe(expected, "entry order survives a removal and a later addition");
        back.AttachmentsDescription.ShouldBe(AttachmentsDescription.Generate(back.Attachments));
        var lines = back.AttachmentsDescription.Split('\n');
        var invoices = back.Attachments.Where(a => a.DocumentTypeCode == DocumentTypeCodes.Invoice).ToList();
        invoices.Select(a => AttachmentsDescription.Line(a.Invoice!)).ShouldBe(lines, "line k of the description describes the k-th invoice");
        PaymentOrderRuleSet.Default.Evaluate(back, context).Violations.ShouldBeEmpty("the stored ÖEB evaluates like the original");
    }

    private static SupportingDocument ScannedInvoice(int n) => SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
    {
        DocumentTypeCode = DocumentTypeCodes.Invoice, Source = DocumentSource.Scan, FileName = string.Create(CultureInfo.InvariantCulture, $"fatura-{n:D2}.pdf"),
        SizeBytes = 1_000 + n, Sha256 = Sha, MediaType = "application/pdf",
        Invoice = new InvoiceDetails(string.Create(CultureInfo.InvariantCulture, $"FTR2026{n:D9}"), Vkn, new DateOnly(2026, 6, 1).AddDays(n % 5)),
    }).Value;

    private static readonly DateTimeOffset Now = new(2026, 6, 15, 9, 30, 0, TimeSpan.Zero);

    private static PaymentOrder FullOrder(Guid su, Guid au, string number, string expenseType = ExpenseTypeCodes.Electricity)
    {
        var order = PaymentOrder.Create(Guid.NewGuid(), DocumentNumber.From(number), new DateOnly(2026, 6, 10), 2026, su, au, expenseType, DataEntry, Now).Value;
        order.SetClassification(BudgetClassification.Parse("38.01.00.05", "01.3.9.00", "1", "03.2.1.01").Value);
        order.SetAmounts(Money.From(1180.00m), Deductions.Create(stampDuty: Money.From(10.00m)).Value).IsSuccess.ShouldBeTrue();
        order.AddLine(AccountingLine.Debit("630", 1180.00m));
        order.AddLine(AccountingLine.Credit("320.01", 1170.00m));
        order.AddLine(AccountingLine.Credit("360", 10.00m));
        order.SetPayee(Payee.Create("Başkent Elektrik Dağıtım A.Ş.", TaxId.From(Vkn), "Çankaya", Domain.Parties.Iban.From(Iban), "Ziraat Bankası").Value);
        order.SetDescription("Haziran 2026 elektrik bedeli");
        order.AddAttachment(SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
        {
            DocumentTypeCode = DocumentTypeCodes.EInvoice, Source = DocumentSource.EFaturaLink, StructuredDocumentId = "e093a490-dd99-11dd-ad8b-0800200c9a66",
        }).Value);
        order.AddAttachment(SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
        {
            DocumentTypeCode = DocumentTypeCodes.Invoice, Source = DocumentSource.Scan, FileName = "fatura.pdf", SizeBytes = 12_345, Sha256 = Sha,
            MediaType = "application/pdf", Invoice = new InvoiceDetails("ABC2026000000001", Vkn, new DateOnly(2026, 6, 1)),
        }).Value);
        return order;
    }

    private async Task<(Guid SpendingUnit, Guid AccountingUnit)> UnitsAsync()
    {
        var n = Interlocked.Increment(ref _unitCounter);
        var institution = Guid.NewGuid();
        var au = Guid.NewGuid();
        var su = Guid.NewGuid();
        var code = string.Create(CultureInfo.InvariantCulture, $"{n % 100:00}.{Random.Shared.Next(100):00}.{Random.Shared.Next(100):00}.{Random.Shared.Next(100):00}");
        await using var db = fixture.NewContext();
        db.Institutions.Add(Institution.Create(institution, "Test Kurumu").Value);
        db.AccountingUnits.Add(AccountingUnit.Create(au, institution, "Muhasebe " + n, "99." + code).Value);
        db.SpendingUnits.Add(SpendingUnit.Create(su, institution, "Harcama " + n, code, au).Value);
        await db.SaveChangesAsync();
        return (su, au);
    }
}
