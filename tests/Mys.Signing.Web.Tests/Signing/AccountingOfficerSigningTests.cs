using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.Signing;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Mys.Signing.Web.Signing;

namespace Mys.Signing.Web.Tests.Signing;

/// <summary>
/// "Kayda Al ve e-İmzala": the accounting officer's step of the signing API signs the third field and accepts in one
/// go (B-T signature, then /DSS for all three signatures). Real PostgreSQL, dev PKI, pdfsig and qpdf.
/// </summary>
public sealed class AccountingOfficerSigningTests(SigningAppFixture fixture) : IClassFixture<SigningAppFixture>
{
    private static string Tckn(Role role) => DemoData.Accounts.Single(a => a.Role == role).Tckn;

    private Task<HttpClient> LoginAsync(Role role) => fixture.App.LoginAsync(Tckn(role));

    private DevCardSigner Card(Role role) => DevCardSigner.For(fixture.App.Services, role);

    private SignedPaymentOrderSeeder Seeder => new(fixture.App);

    private static string Review(Guid id) => $"/Units/{DemoData.AccountingUnitId}/Inbox/{id}";

    [Fact]
    public async Task The_officer_signs_and_accepts_three_valid_signatures_long_term_green_report_and_audit_events()
    {
        var seeded = await Seeder.SeedSentAsync();
        var officer = await LoginAsync(Role.AccountingOfficer);
        var staff = await LoginAsync(Role.AccountingStaff);
        (await officer.GetStringAsync(Review(seeded.Id))).ShouldContain("Kayda Al ve e-İmzala");
        (await staff.GetStringAsync(Review(seeded.Id))).ShouldNotContain("Kayda Al ve e-İmzala");
        var before = (await Seeder.CurrentAsync(seeded.Id)).Document;

        var result = await SigningApi.SignAsync(officer, Card(Role.AccountingOfficer), seeded.Id);

        result.Items.ShouldHaveSingleItem().ShouldBe(new CompleteItem(seeded.Id, true, null, null, nameof(PaymentOrderStatus.Accepted)));
        var (order, document) = await LoadAsync(seeded.Id);
        order.Status.ShouldBe(PaymentOrderStatus.Accepted);
        var signature = order.AccountingOfficerSignature.ShouldNotBeNull();
        signature.Role.ShouldBe(Role.AccountingOfficer);
        signature.SignerId.ShouldBe(order.ClosedBy!.Value);
        document.Stage.ShouldBe(SignedDocumentStage.LongTerm);
        signature.SignatureReference.ShouldNotBe(document.CurrentSha256, "the /DSS update follows the signed revision");

        var pdf = (await Seeder.CurrentAsync(seeded.Id)).Pdf;
        System.Text.Encoding.Latin1.GetString(pdf).ShouldContain("/DSS");
        var path = fixture.WriteTemp("accepted.pdf", pdf);
        var (code, output) = ExternalTools.PdfSig(fixture.NssFolder, path);
        code.ShouldBe(0, output);
        output.Split("Signature is Valid.").Length.ShouldBe(4, output);
        output.Split("Certificate is Trusted.").Length.ShouldBe(4, output);
        output.ShouldContain(SignerFieldsName);
        ExternalTools.QpdfCheck(path).ExitCode.ShouldBe(0);

        var report = await ReportAsync(staff, seeded.Id);
        report.GetProperty("problems").GetArrayLength().ShouldBe(0, report.ToString());
        report.GetProperty("allHold").GetBoolean().ShouldBeTrue();
        report.GetProperty("embeddedRevocationDataOnly").GetBoolean().ShouldBeTrue();
        var signers = report.GetProperty("signers").EnumerateArray().ToList();
        signers.Select(s => s.GetProperty("role").GetString()).ShouldBe(["Gerçekleştirme Görevlisi", "Harcama Yetkilisi", "Muhasebe Yetkilisi"]);
        var third = signers[2];
        third.GetProperty("holds").GetBoolean().ShouldBeTrue();
        third.GetProperty("foundSigner").GetString().ShouldBe(DemoData.Accounts.Single(a => a.Role == Role.AccountingOfficer).FullName);
        third.GetProperty("qualified").GetBoolean().ShouldBeTrue();
        third.GetProperty("timeStamp").ValueKind.ShouldNotBe(JsonValueKind.Null);
        third.GetProperty("certificateStatus").GetString().ShouldNotBeNullOrEmpty();

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var events = await db.AuditEntries.AsNoTracking().Where(e => e.EntityId == seeded.Id.ToString("D") || e.EntityId == seeded.Id.ToString())
            .Where(e => e.Action == "PaymentOrderAccepted" || e.Action == "PaymentOrderSigned").ToListAsync();
        var accepted = events.Single(e => e.Action == "PaymentOrderAccepted");
        accepted.Role.ShouldBe(nameof(Role.AccountingOfficer));
        accepted.UnitId.ShouldBe(DemoData.AccountingUnitId);
        accepted.Changes!.ShouldContain(signature.SignatureReference);
        accepted.Changes!.ShouldContain(document.CurrentSha256);
        accepted.Changes!.ShouldContain(before.CurrentSha256.Trim());
        events.Single(e => e.Action == "PaymentOrderSigned").Changes!.ShouldContain(nameof(Role.AccountingOfficer));
        (await AuditChainVerifier.VerifyAsync(db)).IsIntact.ShouldBeTrue();

        // Accepted now: nothing more to sign.
        var again = await ProblemAsync(await SigningApi.PrepareAsync(officer, Card(Role.AccountingOfficer).CertificateBase64, seeded.Id), HttpStatusCode.UnprocessableEntity);
        again.Refused!.ShouldHaveSingleItem().Code.ShouldBe("WRONG_STATE");
        var page = WebUtility.HtmlDecode(await officer.GetStringAsync(Review(seeded.Id) + "?imzalandi=1"));
        page[page.IndexOf("<h1>", StringComparison.Ordinal)..].ShouldContain("e-imzanızla kayda alındı", Case.Sensitive, page[page.IndexOf("<h1>", StringComparison.Ordinal)..][..1500]);
    }

    private const string SignerFieldsName = "MuhasebeYetkilisi";

    [Fact]
    public async Task The_report_fails_with_a_precise_reason_when_the_third_signature_is_not_the_recorded_officers()
    {
        var seeded = await Seeder.SeedSentAsync();
        var officer = await LoginAsync(Role.AccountingOfficer);
        (await SigningApi.SignAsync(officer, Card(Role.AccountingOfficer), seeded.Id)).Items.Single().Ok.ShouldBeTrue();

        // The record names someone else (the unit's staff, not an officer): wrong person and not an officer of the unit.
        await fixture.Database.ExecuteAsync($"""
            UPDATE "PaymentOrders" SET "AccountingOfficerSignature_SignerId" = (SELECT "Id" FROM "AspNetUsers" WHERE "Tckn" = '{Tckn(Role.AccountingStaff)}')
            WHERE "Id" = '{seeded.Id}'
            """);
        var problems = Problems(await ReportAsync(officer, seeded.Id));
        problems.ShouldContain("Muhasebe Yetkilisi alanını imzalayan kişi ÖEB'de kayıtlı Muhasebe Yetkilisi değil.");
        problems.ShouldContain(p => p.StartsWith("Muhasebe Yetkilisi imzasını atan kişi, imza anında", StringComparison.Ordinal) && p.EndsWith("muhasebe yetkilisi değildi.", StringComparison.Ordinal));

        // No record at all: a signature in the officer's field is not accepted silently.
        await fixture.Database.ExecuteAsync($"""
            UPDATE "PaymentOrders" SET "AccountingOfficerSignature_SignerId" = NULL, "AccountingOfficerSignature_Role" = NULL,
              "AccountingOfficerSignature_SignedAt" = NULL, "AccountingOfficerSignature_SignatureReference" = NULL
            WHERE "Id" = '{seeded.Id}'
            """);
        var report = await ReportAsync(officer, seeded.Id);
        report.GetProperty("allHold").GetBoolean().ShouldBeFalse();
        Problems(report).ShouldContain(p => p.StartsWith("Muhasebe Yetkilisi alanında", StringComparison.Ordinal) && p.Contains("muhasebe yetkilisince imzalanarak kayda alınmadı", StringComparison.Ordinal));
    }

    private static List<string> Problems(JsonElement report) => report.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();

    [Fact]
    public async Task Accounting_staff_cannot_sign_and_an_oeb_not_sent_to_accounting_is_out_of_reach()
    {
        var seeded = await Seeder.SeedSentAsync();
        var staff = await LoginAsync(Role.AccountingStaff);
        var officer = await LoginAsync(Role.AccountingOfficer);
        var notSent = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).Single();

        (await ProblemAsync(await SigningApi.PrepareAsync(staff, Card(Role.AccountingOfficer).CertificateBase64, seeded.Id), HttpStatusCode.Forbidden))
            .Code.ShouldBe("FORBIDDEN");
        (await ProblemAsync(await SigningApi.PrepareAsync(officer, Card(Role.AccountingOfficer).CertificateBase64, notSent), HttpStatusCode.Forbidden))
            .Code.ShouldBe("FORBIDDEN");

        await ShouldBeUntouchedAsync(seeded.Id);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<MysDbContext>().PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == notSent))
            .Status.ShouldBe(PaymentOrderStatus.AwaitingRealizationSignature);
    }

    [Fact]
    public async Task An_officer_of_another_accounting_unit_is_refused()
    {
        var seeded = await Seeder.SeedSentAsync();
        await fixture.Database.ExecuteAsync(
            $"UPDATE \"PaymentOrders\" SET \"AccountingUnitId\" = '{DemoData.OtherAccountingUnitId}' WHERE \"Id\" = '{seeded.Id}'");
        var officer = await LoginAsync(Role.AccountingOfficer);

        var problem = await ProblemAsync(await SigningApi.PrepareAsync(officer, Card(Role.AccountingOfficer).CertificateBase64, seeded.Id), HttpStatusCode.Forbidden);

        problem.Code.ShouldBe("FORBIDDEN");
        problem.Detail.ShouldContain("muhasebe biriminde");
        await ShouldBeUntouchedAsync(seeded.Id);
    }

    [Fact]
    public async Task An_officer_who_signed_the_oeb_as_spending_authority_is_refused()
    {
        var seeded = await Seeder.SeedSentAsync();
        var grant = Guid.NewGuid();
        await fixture.Database.ExecuteAsync(
            $"""
             INSERT INTO "RoleAssignments" ("Id", "UserId", "Role", "UnitId", "UnitKind", "GrantedAt", "GrantedBy", "GrantReason")
             SELECT '{grant}', "Id", 'AccountingOfficer', '{DemoData.AccountingUnitId}', 'AccountingUnit', now() - interval '1 day', "Id", 'test: two roles'
             FROM "AspNetUsers" WHERE "Tckn" = '{Tckn(Role.SpendingAuthority)}'
             """);
        try
        {
            var authority = await LoginAsync(Role.SpendingAuthority);

            var problem = await ProblemAsync(await SigningApi.PrepareAsync(authority, Card(Role.SpendingAuthority).CertificateBase64, seeded.Id), HttpStatusCode.UnprocessableEntity);

            problem.Code.ShouldBe("NOTHING_TO_SIGN");
            problem.Refused!.ShouldHaveSingleItem().Code.ShouldBe("PO_SAME_SIGNER");
            problem.Detail.ShouldContain("muhasebe yetkilisi olarak da imzalayamaz");
            await ShouldBeUntouchedAsync(seeded.Id);
        }
        finally
        {
            await fixture.Database.ExecuteAsync($"UPDATE \"RoleAssignments\" SET \"RevokedAt\" = now(), \"RevokedBy\" = \"UserId\", \"RevokeReason\" = 'test' WHERE \"Id\" = '{grant}'");
        }
    }

    [Fact]
    public async Task Prepare_checks_the_report_a_green_one_is_prepared_for_the_pin()
    {
        var seeded = await Seeder.SeedSentAsync();
        var officer = await LoginAsync(Role.AccountingOfficer);
        var card = Card(Role.AccountingOfficer);

        var prepared = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(officer, card.CertificateBase64, seeded.Id));

        prepared.Refused.ShouldBeEmpty();
        prepared.Items.ShouldHaveSingleItem().PaymentOrderId.ShouldBe(seeded.Id);
        (await SessionsAsync()).ShouldContain(prepared.SessionId);
    }

    [Fact]
    public async Task A_tampered_document_is_refused_at_prepare_before_the_pin_and_nothing_is_saved_or_stored()
    {
        var seeded = await Seeder.SeedSentAsync();
        await Seeder.ReplaceCurrentAsync(seeded.Id, SignedPaymentOrderSeeder.FlipByteInSignedRange(seeded.SignedPdf));
        var officer = await LoginAsync(Role.AccountingOfficer);
        var before = (await Seeder.CurrentAsync(seeded.Id)).Document;
        var blobs = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentBlobs\"");
        var sessions = await SessionsAsync();

        var problem = await ProblemAsync(await SigningApi.PrepareAsync(officer, Card(Role.AccountingOfficer).CertificateBase64, seeded.Id), HttpStatusCode.UnprocessableEntity);

        problem.Code.ShouldBe("NOTHING_TO_SIGN");
        var refused = problem.Refused!.ShouldHaveSingleItem();
        refused.Code.ShouldBe("REPORT_NOT_GREEN");
        refused.Message.ShouldStartWith("Doğrulama raporu olumlu değil; ÖEB imzalanıp kayda alınamaz");
        problem.Detail.ShouldBe(refused.Message, "the one ÖEB's reason is the answer's message");
        (await SessionsAsync()).ShouldBe(sessions, "no signing session: the PIN is never asked for");
        (await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentBlobs\"")).ShouldBe(blobs);
        await ShouldBeUntouchedAsync(seeded.Id);
        (await LoadAsync(seeded.Id)).Document.CurrentSha256.ShouldBe(before.CurrentSha256);
    }

    [Fact]
    public async Task A_report_that_turns_red_between_prepare_and_complete_is_refused_at_complete_and_nothing_is_saved_or_stored()
    {
        var seeded = await Seeder.SeedSentAsync();
        var officer = await LoginAsync(Role.AccountingOfficer);
        var card = Card(Role.AccountingOfficer);
        var before = (await Seeder.CurrentAsync(seeded.Id)).Document;
        var prepared = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(officer, card.CertificateBase64, seeded.Id));
        // After the green prepare the records change: the realization signature is now said to be someone else's.
        await fixture.Database.ExecuteAsync($"""
            UPDATE "PaymentOrders" SET "RealizationSignature_SignerId" = (SELECT "Id" FROM "AspNetUsers" WHERE "Tckn" = '{Tckn(Role.AccountingStaff)}')
            WHERE "Id" = '{seeded.Id}'
            """);
        var blobs = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentBlobs\"");

        var result = await SigningApi.ReadAsync<CompleteResponse>(await SigningApi.CompleteAsync(officer, prepared.SessionId, card.CertificateBase64, card.Sign(prepared)));

        var item = result.Items.ShouldHaveSingleItem();
        item.Ok.ShouldBeFalse();
        item.Code.ShouldBe("REPORT_NOT_GREEN");
        item.Message!.ShouldStartWith("Doğrulama raporu olumlu değil");
        item.Message.ShouldContain("Gerçekleştirme Görevlisi alanını imzalayan kişi ÖEB'de kayıtlı Gerçekleştirme Görevlisi değil.");
        item.Status.ShouldBe(nameof(PaymentOrderStatus.SentToAccounting));
        (await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentBlobs\"")).ShouldBe(blobs);
        await ShouldBeUntouchedAsync(seeded.Id);
        (await LoadAsync(seeded.Id)).Document.CurrentSha256.ShouldBe(before.CurrentSha256);
    }

    private async Task<List<Guid>> SessionsAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MysDbContext>().SigningSessions.AsNoTracking().Select(s => s.Id).OrderBy(id => id).ToListAsync();
    }

    [Fact]
    public async Task When_revocation_data_is_unreachable_at_complete_nothing_is_saved_and_a_retry_succeeds()
    {
        var seeded = await Seeder.SeedSentAsync();
        var officer = await LoginAsync(Role.AccountingOfficer);
        var card = Card(Role.AccountingOfficer);
        var prepared = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(officer, card.CertificateBase64, seeded.Id));
        var services = fixture.App.Services.GetRequiredService<Mys.Signing.DevPki.Services.DevPkiHttpHandler>();
        services.Online = false;
        CompleteResponse failed;
        try
        {
            failed = await SigningApi.ReadAsync<CompleteResponse>(await SigningApi.CompleteAsync(officer, prepared.SessionId, card.CertificateBase64, card.Sign(prepared)));
        }
        finally
        {
            services.Online = true;
        }

        failed.Items.ShouldHaveSingleItem().Ok.ShouldBeFalse();
        await ShouldBeUntouchedAsync(seeded.Id);

        (await SigningApi.SignAsync(officer, card, seeded.Id)).Items.ShouldHaveSingleItem().Status.ShouldBe(nameof(PaymentOrderStatus.Accepted));
        (await LoadAsync(seeded.Id)).Document.Stage.ShouldBe(SignedDocumentStage.LongTerm);
    }

    private async Task ShouldBeUntouchedAsync(Guid id)
    {
        var (order, document) = await LoadAsync(id);
        order.Status.ShouldBe(PaymentOrderStatus.SentToAccounting);
        order.AccountingOfficerSignature.ShouldBeNull();
        order.ClosedBy.ShouldBeNull();
        document.Stage.ShouldBe(SignedDocumentStage.SpendingAuthoritySigned);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        (await db.AuditEntries.AnyAsync(e => e.Action == "PaymentOrderAccepted" && e.EntityId == id.ToString())).ShouldBeFalse();
    }

    private static async Task<JsonElement> ReportAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync(Review(id) + "?handler=Json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private sealed record Problem(string Code, string Detail, IReadOnlyList<RefusedItem>? Refused);

    private static async Task<Problem> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonSerializer.Deserialize<Problem>(text, SigningApi.Json)!;
    }

    private async Task<(PaymentOrder Order, SignedPaymentOrderDocument Document)> LoadAsync(Guid id)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        return (await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == id),
            await db.SignedPaymentOrderDocuments.AsNoTracking().SingleAsync(d => d.PaymentOrderId == id));
    }
}
