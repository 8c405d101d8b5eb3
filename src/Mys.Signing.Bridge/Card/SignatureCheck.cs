using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mys.Signing.Bridge.Card;

/// <summary>
/// Verifies what the card returned against the certificate's public key before it leaves the bridge,
/// so a wrong key behind a matching CKA_ID (or a faulty card) never produces a signature the server rejects later.
/// </summary>
public sealed class SignatureCheck : IDisposable
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ec;

    public SignatureCheck(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        _rsa = certificate.GetRSAPublicKey();
        _ec = _rsa is null ? certificate.GetECDsaPublicKey() : null;
    }

    public bool Verifies(DigestAlgorithm algorithm, byte[] digest, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return _rsa is not null
            ? _rsa.VerifyHash(digest, signature, algorithm.Hash, RSASignaturePadding.Pkcs1)
            : _ec is not null && _ec.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public void Dispose()
    {
        _rsa?.Dispose();
        _ec?.Dispose();
    }
}
