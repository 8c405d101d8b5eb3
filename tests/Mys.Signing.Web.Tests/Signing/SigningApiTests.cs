using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.Signing;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Mys.Signing.Web.Signing;
using Mys.Signing.Web.Tests.TestSuite;

namespace Mys.Signing.Web.Tests.Signing;

/// <summary>The browser's signing API end to end: real PostgreSQL, dev PKI (OCSP/CRL/TSA in-process), pdfsig and qpdf.</summary>
[Collection(SharedSigningAppCollection.Name)]
public sealed class SigningApiTests(SigningAppFixture fixture)
{
    private static string Tckn(Role role) => DemoData.Accounts.Single(a => a.Role == role).Tckn;

    private Task<HttpClient> LoginAsync(Role role) => fixture.App.LoginAsync(Tckn(role));

    private DevCardSigner Card(Role role) => DevCardSigner.For(fixture.App.Services, role);

    [Fact]
    public async Task Realization_officer_then_spending_authority_sign_and_the_oeb_goes_to_accounting_with_a_pdf_that_pdfsig_and_qpdf_accept()
    {
        var id = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).Single();
        var officer = await LoginAsync(Role.RealizationOfficer);
        var authority = await LoginAsync(Role.SpendingAuthority);

        var prepared = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(officer, Card(Role.RealizationOfficer).CertificateBase64, id));
        prepared.DigestAlgorithm.ShouldBe("SHA-256");
        prepared.SignatureAlgorithm.ShouldBe("RS256");
        prepared.Refused.ShouldBeEmpty();
        var item = prepared.Items.ShouldHaveSingleItem();
        item.PaymentOrderId.ShouldBe(id);
        item.Target.ShouldBe("oeb");
        item.NetAmountText.ShouldEndWith(" TL");
        item.NetAmountText.ShouldContain(",");
        Convert.FromBase64String(item.Digest).Length.ShouldBe(32);
        (prepared.ExpiresAt - fixture.Clock.GetUtcNow()).ShouldBe(TimeSpan.FromSeconds(300));

        var first = await SigningApi.ReadAsync<CompleteResponse>(await SigningApi.CompleteAsync(
            officer, prepared.SessionId, Card(Role.RealizationOfficer).CertificateBase64, Card(Role.RealizationOfficer).Sign(prepared)));
        first.Items.ShouldHaveSingleItem().ShouldBe(new CompleteItem(id, true, null, null, nameof(PaymentOrderStatus.AwaitingSpendingAuthoritySignature)));

        var second = await SigningApi.SignAsync(authority, Card(Role.SpendingAuthority), id);
        second.Items.ShouldHaveSingleItem().Status.ShouldBe(nameof(PaymentOrderStatus.SentToAccounting));

        var (order, document) = await LoadAsync(id);
        order.Status.ShouldBe(PaymentOrderStatus.SentToAccounting);
        document.Stage.ShouldBe(SignedDocumentStage.SpendingAuthoritySigned);
        order.SpendingAuthoritySignature!.SignatureReference.ShouldBe(document.CurrentSha256);
        order.RealizationSignature!.SignatureReference.ShouldNotBe(document.CurrentSha256);
        VerificationCode.Normalise(document.VerificationCode).ShouldBe(document.VerificationCode);

        var path = fixture.WriteTemp("signed.pdf", await ReadStoredAsync(document.CurrentSha256));
        var (code, output) = ExternalTools.PdfSig(fixture.NssFolder, path);
        code.ShouldBe(0, output);
        output.Split("Signature is Valid.").Length.ShouldBe(3, output);
        output.Split("Certificate is Trusted.").Length.ShouldBe(3, output);
        output.ShouldContain("Total document signed");
        output.ShouldContain("ETSI.CAdES.detached");
        ExternalTools.QpdfCheck(path).ExitCode.ShouldBe(0);
        var text = ExternalTools.Run("pdftotext", path, "-").Output;
        text.ShouldContain(order.Number.Value);
        text.ShouldContain(document.VerificationCode);
        text.ShouldContain(TurkeyTime.Stamp(fixture.Clock.GetUtcNow()), customMessage: "the signature boxes tell Turkey's time and name it TSİ");
        System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").ShouldContain("zamanlar Türkiye saatidir (TSİ, UTC+3)");
        System.Text.RegularExpressions.Regex.IsMatch(text, @"\d\d:\d\d UTC").ShouldBeFalse("no signature box on UTC");

        // The realization officer's revision is kept and still verifies on its own.
        var firstRevision = fixture.WriteTemp("first.pdf", await ReadStoredAsync(order.RealizationSignature.SignatureReference));
        ExternalTools.PdfSig(fixture.NssFolder, firstRevision).Output.ShouldContain("Total document signed");
    }

    [Theory]
    [InlineData("expired", "CERT_EXPIRED", "geçerlilik süresi")]
    [InlineData("not-yet-valid", "CERT_NOT_YET_VALID", "henüz geçerli değil")]
    [InlineData("revoked", "CERT_REVOKED", "iptal edilmiş")]
    [InlineData("not-qualified", "CERT_NOT_QUALIFIED", "nitelikli elektronik sertifika (NES) değil")]
    [InlineData("wrong-key-usage", "CERT_KEY_USAGE", "inkâr edilemezlik")]
    [InlineData("untrusted", "CERT_UNTRUSTED", "güvenilen bir elektronik sertifika hizmet sağlayıcısına")]
    [InlineData("different-tckn", "CERT_TCKN_MISMATCH", "başka bir kişiye ait")]
    [InlineData("SpendingAuthority", "CERT_TCKN_MISMATCH", "başka bir kişiye ait")]
    public async Task Each_failing_certificate_is_refused_at_prepare_with_its_own_code_and_turkish_message_and_nothing_is_prepared(
        string certificateId, string code, string message)
    {
        var id = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).Single();
        var officer = await LoginAsync(Role.RealizationOfficer);

        var response = await SigningApi.PrepareAsync(officer, DevCardSigner.ForCertificate(fixture.App.Services, certificateId).CertificateBase64, id);

        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        problem.Code.ShouldBe(code);
        problem.Detail.ShouldContain(message);
        await ShouldBeUntouchedAsync(id, rendered: false);
    }

    [Fact]
    public async Task A_garbled_certificate_is_refused()
    {
        var id = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).Single();
        var officer = await LoginAsync(Role.RealizationOfficer);

        var problem = await ProblemAsync(await SigningApi.PrepareAsync(officer, "bm90IGEgY2VydGlmaWNhdGU=", id), HttpStatusCode.UnprocessableEntity);

        problem.Code.ShouldBe("CERT_MALFORMED");
    }

    [Fact]
    public async Task When_the_revocation_services_are_unreachable_prepare_refuses_with_try_later()
    {
        var id = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).Single();
        var officer = await LoginAsync(Role.RealizationOfficer);
        var services = fixture.App.Services.GetRequiredService<Mys.Signing.DevPki.Services.DevPkiHttpHandler>();
        services.Online = false;
        try
        {
            var problem = await ProblemAsync(await SigningApi.PrepareAsync(officer, Card(Role.RealizationOfficer).CertificateBase64, id), HttpStatusCode.UnprocessableEntity);

            problem.Code.ShouldBe("CERT_REVOCATION_UNAVAILABLE");
            problem.Detail.ShouldContain("iptal durumu sorgulanamadı");
        }
        finally
        {
            services.Online = true;
        }

        await ShouldBeUntouchedAsync(id, rendered: false);
    }

    [Theory]
    [InlineData(Role.DataEntryOfficer)]
    [InlineData(Role.AccountingOfficer)]
    [InlineData(Role.IdentityAdministrator)]
    public async Task A_user_without_a_signing_role_gets_403(Role role)
    {
        var id = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).Single();
        var client = await LoginAsync(role);

        var problem = await ProblemAsync(await SigningApi.PrepareAsync(client, Card(Role.RealizationOfficer).CertificateBase64, id), HttpStatusCode.Forbidden);

        problem.Code.ShouldBe("FORBIDDEN");
        await ShouldBeUntouchedAsync(id, rendered: false);
    }

    [Fact]
    public async Task A_signer_cannot_prepare_an_oeb_of_another_unit_or_an_unknown_one_and_the_whole_batch_is_refused()
    {
        var own = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).Single();
        var sibling = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services, 1, DemoData.SiblingSpendingUnitId)).Single();
        var officer = await LoginAsync(Role.RealizationOfficer);

        (await ProblemAsync(await SigningApi.PrepareAsync(officer, Card(Role.RealizationOfficer).CertificateBase64, own, sibling), HttpStatusCode.Forbidden))
            .Code.ShouldBe("FORBIDDEN");
        (await ProblemAsync(await SigningApi.PrepareAsync(officer, Card(Role.RealizationOfficer).CertificateBase64, Guid.NewGuid()), HttpStatusCode.Forbidden))
            .Code.ShouldBe("FORBIDDEN");
        await ShouldBeUntouchedAsync(own, rendered: false);
        await ShouldBeUntouchedAsync(sibling, rendered: false);
    }

    [Fact]
    public async Task An_oeb_in_the_wrong_state_or_waiting_for_the_other_signer_is_refused_with_its_reason()
    {
        var ready = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).Single();
        Guid draft;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
            draft = await db.PaymentOrders.Where(o => o.Status == PaymentOrderStatus.Draft && o.SpendingUnitId == DemoData.SpendingUnitId).Select(o => o.Id).FirstAsync();
        }

        var officer = await LoginAsync(Role.RealizationOfficer);
        var authority = await LoginAsync(Role.SpendingAuthority);

        var onlyDraft = await ProblemAsync(await SigningApi.PrepareAsync(officer, Card(Role.RealizationOfficer).CertificateBase64, draft), HttpStatusCode.UnprocessableEntity);
        onlyDraft.Code.ShouldBe("NOTHING_TO_SIGN");
        onlyDraft.Detail.ShouldContain("Taslak");
        var notYet = await ProblemAsync(await SigningApi.PrepareAsync(authority, Card(Role.SpendingAuthority).CertificateBase64, ready), HttpStatusCode.UnprocessableEntity);
        notYet.Refused.ShouldHaveSingleItem().Code.ShouldBe("NOT_YOUR_STEP");
        var mixed = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(officer, Card(Role.RealizationOfficer).CertificateBase64, ready, draft));
        mixed.Items.ShouldHaveSingleItem().PaymentOrderId.ShouldBe(ready);
        mixed.Refused.ShouldHaveSingleItem().ShouldBe(new RefusedItem(draft, "WRONG_STATE", "ÖEB 'Taslak' durumunda; şu anda imzalanamaz."));
        await ShouldBeUntouchedAsync(draft, rendered: false);
    }

    [Fact]
    public async Task A_session_completes_once()
    {
        var id = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).Single();
        var officer = await LoginAsync(Role.RealizationOfficer);
        var card = Card(Role.RealizationOfficer);
        var prepared = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(officer, card.CertificateBase64, id));
        var signatures = card.Sign(prepared);
        (await SigningApi.ReadAsync<CompleteResponse>(await SigningApi.CompleteAsync(officer, prepared.SessionId, card.CertificateBase64, signatures))).Items.Single().Ok.ShouldBeTrue();

        var again = await ProblemAsync(await SigningApi.CompleteAsync(officer, prepared.SessionId, card.CertificateBase64, signatures), HttpStatusCode.Conflict);

        again.Code.ShouldBe("SESSION_USED");
        (await LoadAsync(id)).Order.Status.ShouldBe(PaymentOrderStatus.AwaitingSpendingAuthoritySignature);
    }

    [Fact]
    public async Task A_session_belongs_to_its_user_and_certificate_a_swapped_certificate_changes_nothing()
    {
        var id = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).Single();
        var officer = await LoginAsync(Role.RealizationOfficer);
        var authority = await LoginAsync(Role.SpendingAuthority);
        var card = Card(Role.RealizationOfficer);
        var other = DevCardSigner.ForCertificate(fixture.App.Services, "different-tckn");
        var prepared = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(officer, card.CertificateBase64, id));

        (await ProblemAsync(await SigningApi.CompleteAsync(officer, prepared.SessionId, other.CertificateBase64, other.Sign(prepared)), HttpStatusCode.UnprocessableEntity))
            .Code.ShouldBe("SESSION_CERT_MISMATCH");
        (await ProblemAsync(await SigningApi.CompleteAsync(authority, prepared.SessionId, card.CertificateBase64, card.Sign(prepared)), HttpStatusCode.NotFound))
            .Code.ShouldBe("SESSION_NOT_FOUND");
        await ShouldBeUntouchedAsync(id, rendered: true);

        var done = await SigningApi.ReadAsync<CompleteResponse>(await SigningApi.CompleteAsync(officer, prepared.SessionId, card.CertificateBase64, card.Sign(prepared)));
        done.Items.Single().Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task A_garbage_signature_value_is_refused_before_embedding_and_nothing_is_stored()
    {
        var ids = await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services, 2);
        var officer = await LoginAsync(Role.RealizationOfficer);
        var card = Card(Role.RealizationOfficer);
        var prepared = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(officer, card.CertificateBase64, [.. ids]));
        var blobs = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentBlobs\"");
        var garbage = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(256));

        var result = await SigningApi.ReadAsync<CompleteResponse>(await SigningApi.CompleteAsync(officer, prepared.SessionId, card.CertificateBase64, [garbage, "%%% not base64"]));

        result.Items[0].ShouldBe(new CompleteItem(ids[0], false, "SIGNATURE_VALUE_INVALID", "İmza değeri sertifikanın açık anahtarıyla doğrulanamadı.", nameof(PaymentOrderStatus.AwaitingRealizationSignature)));
        result.Items[1].Code.ShouldBe("SIGNATURE_MALFORMED");
        (await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentBlobs\"")).ShouldBe(blobs);
        await ShouldBeUntouchedAsync(ids[0], rendered: true);
        await ShouldBeUntouchedAsync(ids[1], rendered: true);
    }

    [Fact]
    public async Task A_batch_where_one_oeb_changed_after_prepare_signs_the_others_and_leaves_that_one_as_it_was()
    {
        var ids = await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services, 4);
        var officer = await LoginAsync(Role.RealizationOfficer);
        var card = Card(Role.RealizationOfficer);
        var batch = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(officer, card.CertificateBase64, [.. ids]));
        batch.Items.Select(i => i.PaymentOrderId).ShouldBe(ids);
        // Meanwhile the second ÖEB is signed through another session (another tab): the batch's revision of it is stale.
        (await SigningApi.SignAsync(officer, card, ids[1])).Items.Single().Ok.ShouldBeTrue();
        var changed = await LoadAsync(ids[1]);

        var result = await SigningApi.ReadAsync<CompleteResponse>(await SigningApi.CompleteAsync(officer, batch.SessionId, card.CertificateBase64, card.Sign(batch)));

        result.Items.Select(i => i.Ok).ShouldBe([true, false, true, true]);
        result.Items[1].Code.ShouldBe("DOCUMENT_CHANGED");
        result.Items[1].Status.ShouldBe(nameof(PaymentOrderStatus.AwaitingSpendingAuthoritySignature));
        foreach (var id in ids)
        {
            (await LoadAsync(id)).Order.Status.ShouldBe(PaymentOrderStatus.AwaitingSpendingAuthoritySignature);
        }

        var after = await LoadAsync(ids[1]);
        after.Document.CurrentSha256.ShouldBe(changed.Document.CurrentSha256);
        after.Order.RealizationSignature!.SignatureReference.ShouldBe(changed.Order.RealizationSignature!.SignatureReference);
    }

    [Fact]
    public async Task A_batch_saved_together_leaves_one_signed_event_per_oeb_naming_its_unit_and_an_intact_audit_chain()
    {
        var ids = await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services, 5);
        var officer = await LoginAsync(Role.RealizationOfficer);

        var result = await SigningApi.SignAsync(officer, Card(Role.RealizationOfficer), [.. ids]);

        result.Items.ShouldAllBe(i => i.Ok);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var keys = ids.Select(i => i.ToString("D")).ToList();
        var events = await db.AuditEntries.AsNoTracking().Where(e => e.Action == "PaymentOrderSigned" && keys.Contains(e.EntityId)).ToListAsync();
        events.Select(e => e.EntityId).Order(StringComparer.Ordinal).ShouldBe(keys.Order(StringComparer.Ordinal));
        foreach (var id in ids)
        {
            var (order, document) = await LoadAsync(id);
            var signed = events.Single(e => e.EntityId == id.ToString("D"));
            signed.UnitId.ShouldBe(order.SpendingUnitId);
            signed.Role.ShouldBe(nameof(Role.RealizationOfficer));
            signed.Changes!.ShouldContain(document.CurrentSha256);
            order.RealizationSignature!.SignatureReference.ShouldBe(document.CurrentSha256);
        }

        (await AuditChainVerifier.VerifyAsync(db)).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task Without_the_antiforgery_header_or_with_an_unreadable_body_the_request_is_refused()
    {
        var id = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).Single();
        var officer = await LoginAsync(Role.RealizationOfficer);

        using var noToken = await officer.PostAsync("/api/signing/prepare",
            System.Net.Http.Json.JsonContent.Create(new { certificate = Card(Role.RealizationOfficer).CertificateBase64, paymentOrderIds = new[] { id } }));
        (await ProblemAsync(noToken, HttpStatusCode.BadRequest)).Code.ShouldBe("ANTIFORGERY");
        (await ProblemAsync(await SigningApi.PostAsync(officer, "/api/signing/prepare", "just a string"), HttpStatusCode.BadRequest)).Code.ShouldBe("BAD_REQUEST");
        (await ProblemAsync(await SigningApi.PostAsync(officer, "/api/signing/prepare", new { certificate = "x", paymentOrderIds = Array.Empty<Guid>() }), HttpStatusCode.BadRequest))
            .Code.ShouldBe("BATCH_SIZE");
        await ShouldBeUntouchedAsync(id, rendered: false);
    }

    private sealed record Problem(string Code, string Detail, IReadOnlyList<RefusedItem>? Refused);

    private static async Task<Problem> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return JsonSerializer.Deserialize<Problem>(text, SigningApi.Json)!;
    }

    private async Task ShouldBeUntouchedAsync(Guid id, bool rendered)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var order = await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == id);
        order.RealizationSignature.ShouldBeNull();
        order.Status.ShouldBeOneOf(PaymentOrderStatus.AwaitingRealizationSignature, PaymentOrderStatus.Draft);
        var document = await db.SignedPaymentOrderDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.PaymentOrderId == id);
        if (rendered)
        {
            document.ShouldNotBeNull();
            document.Stage.ShouldBe(SignedDocumentStage.Rendered);
            document.CurrentSha256.ShouldBe(document.RenderedSha256);
        }
        else
        {
            document.ShouldBeNull();
        }
    }

    private async Task<(PaymentOrder Order, SignedPaymentOrderDocument Document)> LoadAsync(Guid id)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        return (await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == id),
            await db.SignedPaymentOrderDocuments.AsNoTracking().SingleAsync(d => d.PaymentOrderId == id));
    }

    private async Task<byte[]> ReadStoredAsync(string sha256)
    {
        await using var stream = await fixture.App.Services.GetRequiredService<IAttachmentStore>().OpenReadAsync(sha256, CancellationToken.None);
        using var buffer = new MemoryStream();
        await stream!.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
