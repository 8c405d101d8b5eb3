using Mys.Signing.DevPki.Pki;
using Mys.Signing.Signatures.Cades;
using Mys.Signing.Signatures.Common;

namespace Mys.Signing.TestSupport.Pki;

public static class TestCades
{
    public static async Task<byte[]> SignAsync(PkiFixture fx, byte[] content, DevPkiEntry signer, SignatureLevel level = SignatureLevel.BaselineT)
    {
        var service = new CadesService(fx.Tsa, TimeProvider.System);
        var chain = fx.Pki.ChainFor(signer).Select(c => c.GetEncoded()).ToList();
        var prepared = service.Prepare(CadesPrepareRequest.ForContent(content, signer.CertificateDer, chain) with { Level = level });
        var restored = CadesPrepared.FromJson(prepared.ToJson());
        var cms = await service.CompleteAsync(restored, signer.SignDigest(restored.DataToSign, restored.Digest.Name()));
        cms.IsSuccess.ShouldBeTrue(cms.Error?.ToString());
        return cms.Value;
    }
}
