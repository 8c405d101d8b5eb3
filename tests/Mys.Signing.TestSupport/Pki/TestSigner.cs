using Mys.Signing.DevPki.Pki;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;

namespace Mys.Signing.TestSupport.Pki;

/// <summary>Plays the card: signs prepared digests with dev PKI keys.</summary>
public static class TestSigner
{
    public static async Task<PadesCompleted> SignPdfAsync(PkiFixture fx, byte[] pdf, string field, DevPkiEntry signer,
        SignatureLevel level = SignatureLevel.BaselineT, DigestAlgorithm digest = DigestAlgorithm.Sha256)
    {
        var service = new PadesService(fx.Tsa, TimeProvider.System);
        var chain = fx.Pki.ChainFor(signer).Select(c => c.GetEncoded()).ToList();
        var prepared = service.Prepare(new PadesPrepareRequest(pdf, field, signer.CertificateDer, chain)
        {
            Level = level,
            Digest = digest,
            SignerName = signer.Name,
            Reason = "Ödeme emri belgesi onayı",
        });
        prepared.IsSuccess.ShouldBeTrue(prepared.Error?.ToString());
        var raw = signer.SignDigest(prepared.Value.DataToSign, digest.Name());
        var completed = await service.CompleteAsync(prepared.Value, raw);
        completed.IsSuccess.ShouldBeTrue(completed.Error?.ToString());
        return completed.Value;
    }
}
