using System.Net;
using System.Text;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Tests.Validation;

/// <summary>OCSP first, then CRL: with the OCSP responder down the CRL decides.</summary>
[Collection(PkiCollection.Name)]
public sealed class RevocationFallbackTests(PkiFixture fx)
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("SİL yedeği");

    [Theory]
    [InlineData("ayse", Indication.TotalPassed, SubIndication.None)]
    [InlineData("revoked", Indication.TotalFailed, SubIndication.Revoked)]
    public async Task When_OCSP_is_down_the_CRL_is_used(string id, Indication indication, SubIndication subIndication)
    {
        var cms = await TestCades.SignAsync(fx, Content, fx.Pki[id]);
        var handler = new OcspDownHandler(new DevPkiHttpHandler(new DevPkiServices(fx.Pki, TimeProvider.System)));
        var validator = new SignatureValidator(Validators.Options(fx), new HttpRevocationDataClient(new HttpClient(handler)), TimeProvider.System);
        var report = await validator.ValidateCadesAsync(cms, Content);
        report.Indication.ShouldBe(indication, report.ToJson());
        report.SubIndication.ShouldBe(subIndication);
        report.Signatures.Single().Revocation!.Source.ShouldBe("CRL");
        handler.OcspCalls.ShouldBeGreaterThan(0);
    }

    private sealed class OcspDownHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public int OcspCalls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/ocsp", StringComparison.Ordinal))
            {
                OcspCalls++;
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
