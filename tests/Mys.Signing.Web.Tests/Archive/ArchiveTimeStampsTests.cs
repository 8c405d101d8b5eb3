using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Mys.Signing.Application.Archive;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Archive;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.Signatures.Validation;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Npgsql;

namespace Mys.Signing.Web.Tests.Archive;

/// <summary>
/// The archive job, run directly: a long-term ÖEB whose time-stamp certificate is inside the renewal margin gets a
/// document time-stamp (B-LTA) as a new stored revision; documents not due or not long-term are left alone; a second
/// run does nothing; the result passes our validator and pdfsig.
/// </summary>
public sealed class ArchiveTimeStampsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mys-archive-").FullName;
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await DatabaseMigrator.MigrateAsync(_database.ConnectionString, appRole: null);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Due_long_term_documents_get_a_document_time_stamp_once_and_others_are_left_alone()
    {
        var start = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(start);
        var pki = DevPkiStore.LoadOrCreate(Path.Combine(_folder, "pki"), new DevPkiOptions { BaseUrl = "http://127.0.0.1:1/devpki" }, TimeProvider.System);
        using var http = new HttpClient(new DevPkiHttpHandler(new DevPkiServices(pki, clock)));
        var tsa = new HttpTimeStampClient(http, new TimeStampClientOptions { Url = new Uri(pki.TsaUrl) });
        var revocation = new HttpRevocationDataClient(http);
        var extender = new PadesExtender(tsa, revocation);
        var longTerm = Success(await extender.AddValidationDataAsync(await SignedPdfAsync(pki, tsa, clock), [pki.Root.CertificateDer]));
        var sentOnly = await SignedPdfAsync(pki, tsa, clock);

        await using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        var store = new PostgresAttachmentStore(dataSource, TimeProvider.System, NullLogger<PostgresAttachmentStore>.Instance);
        var longTermId = await InsertAsync(store, longTerm, SignedDocumentStage.LongTerm, start);
        var sentId = await InsertAsync(store, sentOnly, SignedDocumentStage.SpendingAuthoritySigned, start);

        // Renewal window opens a day from now: the signatures' time-stamps (made now) are before it.
        var tsaExpiry = new DateTimeOffset(pki.TimeStamping.Certificate.NotAfter, TimeSpan.Zero);
        var options = new RetentionOptions { TimeStampRenewalMarginDays = (int)(tsaExpiry - start).TotalDays - 1 };
        await using var db = NewContext();
        var service = new ArchiveTimeStamps(db, store, extender, [pki.Root.CertificateDer], options, NullLogger<ArchiveTimeStamps>.Instance);

        (await service.RunAsync(start, default)).Stamped.ShouldBe(0, "nothing is due yet");

        clock.Advance(TimeSpan.FromDays(3));
        var due = await service.RunAsync(clock.GetUtcNow(), default);
        due.ShouldBe(new ArchiveRunResult(1, 1, 0));
        (await service.RunAsync(clock.GetUtcNow(), default)).Stamped.ShouldBe(0, "the new time-stamp is inside the window: not due again");

        await using var read = NewContext();
        var archived = await read.SignedPaymentOrderDocuments.SingleAsync(d => d.PaymentOrderId == longTermId);
        archived.Stage.ShouldBe(SignedDocumentStage.Archived);
        archived.UpdatedAt.ShouldBe(clock.GetUtcNow(), TimeSpan.FromMilliseconds(1));
        (await read.SignedPaymentOrderDocuments.SingleAsync(d => d.PaymentOrderId == sentId)).Stage.ShouldBe(SignedDocumentStage.SpendingAuthoritySigned);
        (await read.AuditEntries.CountAsync(e => e.Action == "ArchiveTimeStampAdded" && e.EntityId == longTermId.ToString())).ShouldBe(1);

        var pdf = await ReadAsync(store, archived.CurrentSha256);
        pdf.AsSpan(0, longTerm.Length).SequenceEqual(longTerm).ShouldBeTrue("an incremental update of the long-term file");
        var anchors = new ValidationOptions();
        anchors.TrustAnchors.Add(pki.Root.CertificateDer);
        var report = await new SignatureValidator(anchors, revocation, clock).ValidatePdfAsync(pdf);
        report.Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
        report.Signatures.Select(s => (s.Kind, s.Level)).ShouldBe([("PAdES", "B-LTA"), ("PAdES", "B-LTA"), ("DocTimeStamp", "B-LTA")]);
        PdfsigAccepts(pdf, pki).ShouldBeTrue();
    }

    private MysDbContext NewContext() =>
        new(DatabaseMigrator.Options(_database.ConnectionString), new FixedAuditActorAccessor(AuditActor.System("archive-test")), TimeProvider.System);

    private static async Task<byte[]> SignedPdfAsync(DevPkiHierarchy pki, ITimeStampClient tsa, TimeProvider clock)
    {
        var pades = new PadesService(tsa, clock);
        var pdf = PaymentOrderRenderer.Render(new PaymentOrderPrintModel
        {
            DocumentNumber = "2026/000001",
            DocumentDate = new DateOnly(2026, 11, 21),
            Signers =
            [
                new("Gerçekleştirme Görevlisi", SignerFields.RealizationOfficer, "A", "Şube Müdürü"),
                new("Harcama Yetkilisi", SignerFields.SpendingAuthority, "B", "Daire Başkanı"),
            ],
            GeneratedAt = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero),
        });
        var persons = pki.Persons.ToList();
        foreach (var (field, signer) in new[] { (SignerFields.RealizationOfficer, persons[0]), (SignerFields.SpendingAuthority, persons[1]) })
        {
            var chain = pki.ChainFor(signer).Select(c => c.GetEncoded()).ToList();
            var prepared = Success(pades.Prepare(new PadesPrepareRequest(pdf, field, signer.CertificateDer, chain) { SignerName = signer.Name }));
            pdf = Success(await pades.CompleteAsync(prepared, signer.SignDigest(prepared.DataToSign, prepared.Digest.Name()))).Pdf;
        }

        return pdf;
    }

    private async Task<Guid> InsertAsync(PostgresAttachmentStore store, byte[] pdf, SignedDocumentStage stage, DateTimeOffset at)
    {
        var saved = await store.SaveAsync(new MemoryStream(pdf), ContentKind.Pdf, pdf.Length, default);
        saved.IsSuccess.ShouldBeTrue(saved.Error?.Message);
        var id = Guid.NewGuid();
        var code = id.ToString("N")[..10];
        await _database.ExecuteAsync($"""
            INSERT INTO "Institutions" ("Id", "Name") VALUES ('{id}', 'Kurum');
            INSERT INTO "AccountingUnits" ("Id", "InstitutionId", "Name", "Code") VALUES ('{id}', '{id}', 'Muhasebe', '{code}');
            INSERT INTO "SpendingUnits" ("Id", "InstitutionId", "Name", "InstitutionalCode", "AccountingUnitId") VALUES ('{id}', '{id}', 'Harcama', '{code}', '{id}');
            INSERT INTO "PaymentOrders" ("Id", "Version", "Number", "DocumentDate", "BudgetYear", "SpendingUnitId", "AccountingUnitId", "ExpenseTypeCode",
                "GrossAmount", "AttachmentsDescription", "Status", "CreatedBy", "CreatedAt", "IsWetSigned", "Deduction_IncomeTaxWithholding",
                "Deduction_Other", "Deduction_SocialSecurity", "Deduction_StampDuty", "Deduction_VatWithholding")
            VALUES ('{id}', 1, '{code}', '2026-11-21', 2026, '{id}', '{id}', 'X', 10, '', 5, '{id}', now(), false, 0, 0, 0, 0, 0);
            INSERT INTO "SignedPaymentOrderDocuments" ("PaymentOrderId", "VerificationCode", "RenderedSha256", "CurrentSha256", "Stage", "RenderedAt", "UpdatedAt")
            VALUES ('{id}', '{code}', '{saved.Value.Sha256}', '{saved.Value.Sha256}', '{stage}', '{at:O}', '{at:O}');
            """);
        return id;
    }

    private static async Task<byte[]> ReadAsync(PostgresAttachmentStore store, string sha256)
    {
        await using var stream = (await store.OpenReadAsync(sha256.Trim(), default)).ShouldNotBeNull();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private bool PdfsigAccepts(byte[] pdf, DevPkiHierarchy pki)
    {
        var nss = Path.Combine(_folder, "nss");
        Directory.CreateDirectory(nss);
        var root = Path.Combine(_folder, "root.der");
        File.WriteAllBytes(root, pki.Root.CertificateDer);
        var file = Path.Combine(_folder, "archived.pdf");
        File.WriteAllBytes(file, pdf);
        Run("certutil", $"-N -d sql:{nss} --empty-password");
        Run("certutil", $"-A -d sql:{nss} -n root -t CT,C,C -i {root}");
        var output = Run("pdfsig", $"-nssdir sql:{nss} {file}");
        return output.Split("Signature Validation: Signature is Valid.").Length - 1 >= 2 && !output.Contains("Signature is Invalid", StringComparison.Ordinal);
    }

    private static string Run(string tool, string arguments) => ExternalTools.Run(tool, arguments.Split(' ')).Output;

    private static T Success<T>(SignatureResult<T> result) => result.IsSuccess ? result.Value : throw new ShouldAssertException(result.Error!.ToString());
}
