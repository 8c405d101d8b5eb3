using Mys.Signing.DevPki.Services;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Tsp;

namespace Mys.Signing.Signatures.Tests.Pades;

[Collection(PkiCollection.Name)]
public sealed class TimeStampClientTests(PkiFixture fx)
{
    [Fact]
    public async Task Configured_credential_headers_are_sent_to_the_TSA()
    {
        var capture = new CapturingHandler(new DevPkiHttpHandler(new DevPkiServices(fx.Pki, TimeProvider.System)));
        var options = new TimeStampClientOptions { Url = new Uri(fx.Pki.TsaUrl) };
        options.Headers["Authorization"] = "Basic ZGV2OmRldg==";
        options.Headers["X-Kamusm-Kullanici"] = "12345";
        var client = new HttpTimeStampClient(new HttpClient(capture), options);
        var token = await client.GetTokenAsync(new byte[32], DigestAlgorithm.Sha256);
        token.IsSuccess.ShouldBeTrue(token.Error?.ToString());
        capture.Last!.Headers.GetValues("X-Kamusm-Kullanici").ShouldBe(["12345"]);
        capture.Last.Headers.Authorization!.Scheme.ShouldBe("Basic");
        capture.Last.Content!.Headers.ContentType!.MediaType.ShouldBe("application/timestamp-query");
    }

    [Fact]
    public async Task An_unreachable_TSA_fails_complete_and_the_prepared_state_can_be_retried()
    {
        var offline = new HttpTimeStampClient(new HttpClient(new DevPkiHttpHandler(new DevPkiServices(fx.Pki, TimeProvider.System)) { Online = false }),
            new TimeStampClientOptions { Url = new Uri(fx.Pki.TsaUrl) });
        var signer = fx.Pki["ayse"];
        var prepared = new PadesService(offline, TimeProvider.System).Prepare(new PadesPrepareRequest(PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder()),
            SignerFields.RealizationOfficer, signer.CertificateDer, [])).Value;
        var raw = signer.SignDigest(prepared.DataToSign, DigestAlgorithm.Sha256.Name());
        var failed = await new PadesService(offline, TimeProvider.System).CompleteAsync(prepared, raw);
        failed.Error!.Code.ShouldBe(SignatureErrors.TimeStampUnavailable.Code);
        var retried = await new PadesService(fx.Tsa, TimeProvider.System).CompleteAsync(prepared, raw);
        retried.IsSuccess.ShouldBeTrue();
        retried.Value.TimeStampTime.ShouldNotBeNull();
    }

    [Fact]
    public async Task The_token_time_read_from_its_encoding_is_the_one_BouncyCastle_reads()
    {
        var stamped = await fx.Tsa.GetTokenAsync(DigestAlgorithm.Sha256.Hash([1, 2, 3]), DigestAlgorithm.Sha256);
        stamped.IsSuccess.ShouldBeTrue(stamped.Error?.Message);
        var expected = new Org.BouncyCastle.Tsp.TimeStampToken(Mys.Signing.Signatures.Cms.SignedDataReader.Read(stamped.Value)).TimeStampInfo.GenTime;

        var read = TimeStampTokenTime.Read(stamped.Value);

        read.ShouldBe(new DateTimeOffset(expected, TimeSpan.Zero));
        read.Offset.ShouldBe(TimeSpan.Zero);
        Should.Throw<System.Formats.Asn1.AsnContentException>(() => TimeStampTokenTime.Read(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 }));
    }

    private sealed class CapturingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public HttpRequestMessage? Last { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Last = request;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
