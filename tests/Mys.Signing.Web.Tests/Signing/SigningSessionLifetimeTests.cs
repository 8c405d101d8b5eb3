using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.Signing;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Mys.Signing.Web.Signing;

namespace Mys.Signing.Web.Tests.Signing;

/// <summary>Sessions live 300 s (FakeTimeProvider) and survive nothing but the database: a restart between prepare and complete loses nothing.</summary>
public sealed class SigningSessionLifetimeTests(SigningAppFixture fixture) : IClassFixture<SigningAppFixture>
{
    private static readonly string OfficerTckn = DemoData.Accounts.Single(a => a.Role == Role.RealizationOfficer).Tckn;

    [Fact]
    public async Task An_expired_session_is_refused_and_changes_nothing_then_a_new_prepare_and_complete_work()
    {
        var id = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).Single();
        var officer = await fixture.App.LoginAsync(OfficerTckn);
        var card = DevCardSigner.For(fixture.App.Services, Role.RealizationOfficer);
        var prepared = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(officer, card.CertificateBase64, id));

        fixture.Clock.Advance(SigningSessionStore.Lifetime + TimeSpan.FromSeconds(1));
        var expired = await SigningApi.CompleteAsync(officer, prepared.SessionId, card.CertificateBase64, card.Sign(prepared));

        expired.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await expired.Content.ReadAsStringAsync()).ShouldContain("SESSION_EXPIRED");
        (await StatusAsync(fixture.App, id)).ShouldBe((PaymentOrderStatus.AwaitingRealizationSignature, SignedDocumentStage.Rendered));
        (await SigningApi.SignAsync(officer, card, id)).Items.Single().Status.ShouldBe(nameof(PaymentOrderStatus.AwaitingSpendingAuthoritySignature));
    }

    [Fact]
    public async Task A_session_whose_state_an_earlier_version_stored_as_json_is_refused_as_expired_and_a_new_prepare_works()
    {
        var id = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).Single();
        var officer = await fixture.App.LoginAsync(OfficerTckn);
        var card = DevCardSigner.For(fixture.App.Services, Role.RealizationOfficer);
        var prepared = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(officer, card.CertificateBase64, id));
        // What the binary-state migration leaves of a session an earlier version prepared (and did not expire): its JSON as UTF-8.
        var legacy = System.Text.Encoding.UTF8.GetBytes($$"""{"SignerCertificate":"{{card.CertificateBase64}}","Chain":[],"Items":[{"PaymentOrderId":"{{id}}"}]}""");
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
            (await db.SigningSessions.Where(s => s.Id == prepared.SessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.PreparedState, legacy))).ShouldBe(1);
        }

        var refused = await SigningApi.CompleteAsync(officer, prepared.SessionId, card.CertificateBase64, card.Sign(prepared));

        refused.StatusCode.ShouldBe(HttpStatusCode.Gone);
        var body = await refused.Content.ReadAsStringAsync();
        body.ShouldContain("SESSION_EXPIRED");
        body.ShouldContain("İmzalamayı yeniden başlatın");
        (await StatusAsync(fixture.App, id)).ShouldBe((PaymentOrderStatus.AwaitingRealizationSignature, SignedDocumentStage.Rendered));
        (await SigningApi.SignAsync(officer, card, id)).Items.Single().Status.ShouldBe(nameof(PaymentOrderStatus.AwaitingSpendingAuthoritySignature));
    }

    [Fact]
    public async Task Killing_the_app_between_prepare_and_complete_loses_nothing_the_session_expires_and_a_new_prepare_works()
    {
        var id = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).Single();
        PrepareResponse prepared;
        DevCardSigner card;
        await using (var first = fixture.StartApp())
        {
            var officer = await first.LoginAsync(OfficerTckn);
            card = DevCardSigner.For(first.Services, Role.RealizationOfficer);
            prepared = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(officer, card.CertificateBase64, id));
        }

        await using var second = fixture.StartApp();
        var again = await second.LoginAsync(OfficerTckn);
        (await StatusAsync(second, id)).ShouldBe((PaymentOrderStatus.AwaitingRealizationSignature, SignedDocumentStage.Rendered));
        fixture.Clock.Advance(SigningSessionStore.Lifetime + TimeSpan.FromSeconds(1));
        (await SigningApi.CompleteAsync(again, prepared.SessionId, card.CertificateBase64, card.Sign(prepared))).StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await StatusAsync(second, id)).ShouldBe((PaymentOrderStatus.AwaitingRealizationSignature, SignedDocumentStage.Rendered));

        var done = await SigningApi.SignAsync(again, DevCardSigner.For(second.Services, Role.RealizationOfficer), id);

        done.Items.Single().Ok.ShouldBeTrue();
        (await StatusAsync(second, id)).ShouldBe((PaymentOrderStatus.AwaitingSpendingAuthoritySignature, SignedDocumentStage.RealizationSigned));
    }

    private static async Task<(PaymentOrderStatus, SignedDocumentStage)> StatusAsync(MysAppFactory app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var order = await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == id);
        var document = await db.SignedPaymentOrderDocuments.AsNoTracking().SingleAsync(d => d.PaymentOrderId == id);
        return (order.Status, document.Stage);
    }
}
