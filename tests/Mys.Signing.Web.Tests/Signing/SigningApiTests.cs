using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Mys.Signing.Web.Infrastructure.Seeding;
using Mys.Signing.Web.Signing;

namespace Mys.Signing.Web.Tests.Signing;

/// <summary>The browser's signing API end to end: real PostgreSQL, dev PKI (OCSP/CRL/TSA in-process), pdfsig and qpdf.</summary>
public sealed class SigningApiTests(SigningAppFixture fixture) : IClassFixture<SigningAppFixture>
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

        // The realization officer's revision is kept and still verifies on its own.
        var firstRevision = fixture.WriteTemp("first.pdf", await ReadStoredAsync(order.RealizationSignature.SignatureReference));
        ExternalTools.PdfSig(fixture.NssFolder, firstRevision).Output.ShouldContain("Total document signed");
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
