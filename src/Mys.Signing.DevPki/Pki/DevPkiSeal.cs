using Mys.Signing.Signatures.Asic;

namespace Mys.Signing.DevPki.Pki;

public static class DevPkiSeal
{
    /// <summary>The dev PKI's system seal as the signer of ASiC-E manifests (production: the institution's PKCS#12).</summary>
    public static KeySealSigner SealSigner(this DevPkiHierarchy pki)
    {
        ArgumentNullException.ThrowIfNull(pki);
        return KeySealSigner.FromPkcs8(pki.SystemSeal.CertificateDer, pki.ChainFor(pki.SystemSeal).Select(c => c.GetEncoded()).ToList(),
            pki.SystemSeal.Pkcs8PrivateKey);
    }
}
