using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mys.Signing.Signatures.Asic;

/// <summary>
/// A system seal whose private key is in this process: the institution's seal from a PKCS#12 file (production) or a
/// PKCS#8 key (the dev PKI's seal). RSA keys sign PKCS#1 v1.5, EC keys ECDSA.
/// </summary>
public sealed class KeySealSigner : ISealSigner, IDisposable
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ec;

    private KeySealSigner(byte[] certificate, IReadOnlyList<byte[]> chain, RSA? rsa, ECDsa? ec)
    {
        Certificate = certificate;
        Chain = chain;
        _rsa = rsa;
        _ec = ec;
    }

    public byte[] Certificate { get; }

    public IReadOnlyList<byte[]> Chain { get; }

    public static KeySealSigner FromPkcs8(byte[] certificate, IReadOnlyList<byte[]> chain, byte[] pkcs8PrivateKey)
    {
        using var parsed = X509CertificateLoader.LoadCertificate(certificate);
        if (parsed.GetKeyAlgorithm() == "1.2.840.10045.2.1")
        {
            var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(pkcs8PrivateKey, out _);
            return new KeySealSigner(certificate, chain, null, ec);
        }

        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8PrivateKey, out _);
        return new KeySealSigner(certificate, chain, rsa, null);
    }

    /// <summary>Loads the seal certificate with its private key and the CA certificates stored beside it.</summary>
    /// <exception cref="InvalidOperationException">The file holds no certificate with a private key.</exception>
    public static KeySealSigner FromPkcs12(string path, string? password)
    {
        var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        try
        {
            var seal = all.FirstOrDefault(c => c.HasPrivateKey)
                       ?? throw new InvalidOperationException($"PKCS#12 file '{path}' holds no certificate with a private key.");
            var chain = all.Where(c => !ReferenceEquals(c, seal)).Select(c => c.RawData).ToList();
            var rsa = seal.GetRSAPrivateKey();
            var ec = rsa is null ? seal.GetECDsaPrivateKey() : null;
            if (rsa is null && ec is null)
            {
                throw new InvalidOperationException($"The key in PKCS#12 file '{path}' is neither RSA nor EC.");
            }

            return new KeySealSigner(seal.RawData, chain, rsa, ec);
        }
        finally
        {
            foreach (var certificate in all)
            {
                certificate.Dispose();
            }
        }
    }

    public byte[] SignDigest(byte[] dataToSign, HashAlgorithmName hashAlgorithm) =>
        _rsa is not null ? _rsa.SignHash(dataToSign, hashAlgorithm, RSASignaturePadding.Pkcs1) : _ec!.SignHash(dataToSign);

    public void Dispose()
    {
        _rsa?.Dispose();
        _ec?.Dispose();
    }
}
