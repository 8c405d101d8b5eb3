using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Mys.Signing.Web.Tests.TestSuite;

namespace Mys.Signing.Web.Tests.Hardening;

/// <summary>
/// The verification link printed into an ÖEB is the configured <c>Mys:PublicBaseUrl</c> (here https://mys.test.local),
/// whatever Host header the request carries (issue 20: behind a load balancer the Host is whatever the client sent).
/// </summary>
[Collection(SharedSigningAppCollection.Name)]
public sealed class PublicLinkTests(SigningAppFixture fixture)
{
    private const string Forged = "attacker.example";

    [Fact]
    public async Task A_forged_host_header_changes_neither_the_preview_nor_the_signed_oebs_verification_link()
    {
        var id = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).Single();
        var officer = await LoginOnForgedHostAsync(DemoData.Accounts.Single(a => a.Role == Role.RealizationOfficer).Tckn);

        var preview = await officer.GetAsync($"/Units/{DemoData.SpendingUnitId}/PaymentOrders/{id}/Pdf");
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        AssertLink(await preview.Content.ReadAsByteArrayAsync(), "the preview");

        var signed = await SigningApi.SignAsync(officer, DevCardSigner.For(fixture.App.Services, Role.RealizationOfficer), id);
        signed.Items.ShouldHaveSingleItem().Ok.ShouldBeTrue();
        AssertLink(await StoredPdfAsync(id), "the signed ÖEB");
    }

    private void AssertLink(byte[] pdf, string what)
    {
        var text = ExternalTools.Run("pdftotext", fixture.WriteTemp("link.pdf", pdf), "-").Output;
        text.ShouldContain("https://mys.test.local/dogrula", customMessage: what);
        text.ShouldNotContain(Forged, customMessage: what);
    }

    private async Task<HttpClient> LoginOnForgedHostAsync(string tckn)
    {
        var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://" + Forged), AllowAutoRedirect = false, HandleCookies = true });
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Tckn"] = tckn, ["Password"] = MysAppFactory.DemoPassword, ["__RequestVerificationToken"] = token,
        });
        (await client.PostAsync("/Account/Login", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private async Task<byte[]> StoredPdfAsync(Guid id)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var sha = await scope.ServiceProvider.GetRequiredService<MysDbContext>().SignedPaymentOrderDocuments.AsNoTracking()
            .Where(d => d.PaymentOrderId == id).Select(d => d.CurrentSha256).SingleAsync();
        await using var stream = await scope.ServiceProvider.GetRequiredService<IAttachmentStore>().OpenReadAsync(sha, CancellationToken.None);
        using var buffer = new MemoryStream();
        await stream!.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
