using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Validation;
using Mys.Signing.TestSupport;
using Mys.Signing.Application.Seeding;

namespace Mys.Signing.Application.Tests.Verification;

/// <summary>The app with the dev PKI on its own database, so ÖEBs can be signed by both demo signers and sent.</summary>
public sealed class SignedOebFixture : IAsyncLifetime
{
    private readonly string _pki = Directory.CreateTempSubdirectory("mys-verify-devpki-").FullName;
    private TestDatabase? _database;

    public MysAppFactory App { get; private set; } = null!;

    public SignedPaymentOrderSeeder Seeder { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        App = new MysAppFactory(_database, SignedPaymentOrderSeeder.DevPkiSettings(_pki));
        _ = App.Server;
        Seeder = new SignedPaymentOrderSeeder(App);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database!.DisposeAsync();
        Directory.Delete(_pki, recursive: true);
    }
}

/// <summary>The use case end to end: real PostgreSQL, the attachment store, the validator and ÖEBs signed with the dev PKI.</summary>
public sealed class BuildVerificationReportTests(SignedOebFixture fx) : IClassFixture<SignedOebFixture>
{
    private async Task<OebVerificationReport> BuildAsync(Guid id, ReportInputs? inputs = null, Action<MysDbContext, SignedPaymentOrderDocument>? change = null)
    {
        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var order = await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == id);
        var document = await db.SignedPaymentOrderDocuments.AsNoTracking().SingleAsync(d => d.PaymentOrderId == id);
        change?.Invoke(db, document);
        return await scope.ServiceProvider.GetRequiredService<BuildVerificationReport>().BuildAsync(order, document, inputs ?? new ReportInputs(), default);
    }

    [Fact]
    public async Task A_properly_signed_oeb_is_green_with_both_signers_bound_and_its_attachment_matching()
    {
        var seeded = await fx.Seeder.SeedSentAsync();

        var report = await BuildAsync(seeded.Id);

        report.Problems.ShouldBeEmpty();
        report.AllHold.ShouldBeTrue();
        report.VerificationCode.ShouldBe(seeded.VerificationCode);
        report.Signers.Select(s => s.FieldName).ShouldBe([SignerFields.RealizationOfficer, SignerFields.SpendingAuthority]);
        report.Signers.ShouldAllBe(s => s.Holds && s.FoundTckn == s.ExpectedTckn && s.FoundTckn != null);
        report.Signatures!.Attachments.ShouldNotBeEmpty();
        report.Signatures.Attachments.ShouldAllBe(a => a.Status == AttachmentStatus.Match);
        report.Invoices.ShouldHaveSingleItem().Kind.ShouldBe(EInvoiceCheck.Kind);
    }

    [Fact]
    public async Task Signatures_in_the_wrong_fields_order_fail_the_order_check()
    {
        var seeded = await fx.Seeder.SeedSentAsync(DemoSigningOrder.SpendingAuthorityFirst);

        var report = await BuildAsync(seeded.Id);

        report.AllHold.ShouldBeFalse();
        report.Problems.ShouldContain(p => p.StartsWith("İmza sırası yanlış: 1. imza Gerçekleştirme Görevlisi imzası olmalı", StringComparison.Ordinal));
        report.Signers.ShouldContain(s => !s.Holds);
    }

    [Fact]
    public async Task An_attachment_whose_content_is_not_presented_is_missing_never_a_match()
    {
        var seeded = await fx.Seeder.SeedSentAsync();

        var report = await BuildAsync(seeded.Id, new ReportInputs(AttachmentHashes: new Dictionary<string, string>()));

        report.Signatures!.Attachments.ShouldNotBeEmpty();
        report.Signatures.Attachments.ShouldAllBe(a => a.Status == AttachmentStatus.Missing && a.ActualSha256 == null);
        report.Problems.ShouldContain(p => p.StartsWith("Ek dosya bulunamadı", StringComparison.Ordinal));
        report.AllHold.ShouldBeFalse();
    }

    [Fact]
    public async Task A_signed_revision_missing_from_the_store_fails_with_a_reason_and_checks_no_signer()
    {
        var seeded = await fx.Seeder.SeedSentAsync();

        var report = await BuildAsync(seeded.Id, change: (db, d) => db.Entry(d).Property(x => x.CurrentSha256).CurrentValue = new string('0', 64));

        report.Problems.ShouldContain("Belgenin imzalı son sürümü depoda bulunamadı.");
        report.Signatures.ShouldBeNull();
        report.Signers.ShouldBeEmpty();
        report.AllHold.ShouldBeFalse();
    }

    [Fact]
    public async Task A_tampered_signed_range_fails_the_signature_and_the_decisive_reason_comes_first()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        var tampered = SignedPaymentOrderSeeder.FlipByteInSignedRange(seeded.SignedPdf);

        var report = await BuildAsync(seeded.Id, new ReportInputs(Pdf: tampered));

        report.Signatures!.Indication.ShouldBe(Indication.TotalFailed);
        report.Problems[0].ShouldStartWith("Gerçekleştirme Görevlisi:");
        report.AllHold.ShouldBeFalse();
    }

    [Fact]
    public async Task Shared_lookups_keep_the_unit_and_signer_names_for_the_next_report()
    {
        var first = await fx.Seeder.SeedSentAsync();
        var second = await fx.Seeder.SeedSentAsync();
        using var scope = fx.App.Services.CreateScope();
        var shared = new SharedReportLookups(await Infrastructure.Catalog.DocumentCatalogLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<MysDbContext>(), default));

        var a = await BuildAsync(first.Id, new ReportInputs(Shared: shared));
        var b = await BuildAsync(second.Id, new ReportInputs(Shared: shared));

        shared.UnitNames.Count.ShouldBe(2);
        shared.Signers.Count.ShouldBe(2);
        b.Problems.ShouldBeEmpty();
        (b.SpendingUnit, b.AccountingUnit).ShouldBe((a.SpendingUnit, a.AccountingUnit));
        b.Signers.Select(s => s.ExpectedTckn).ShouldBe(a.Signers.Select(s => s.ExpectedTckn));
    }
}
