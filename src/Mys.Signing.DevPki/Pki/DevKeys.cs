using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace Mys.Signing.DevPki.Pki;

/// <summary>Key generation through .NET (OpenSSL-backed, fast), handed to BouncyCastle as PKCS#8.</summary>
internal static class DevKeys
{
    public static (byte[] Pkcs8, AsymmetricKeyParameter Public) Generate(DevKeyType type)
    {
        if (type is DevKeyType.EcP256 or DevKeyType.EcP384)
        {
            using var ec = ECDsa.Create(type == DevKeyType.EcP384 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256);
            return (ec.ExportPkcs8PrivateKey(), PublicKeyFactory.CreateKey(ec.ExportSubjectPublicKeyInfo()));
        }

        using var rsa = RSA.Create(2048);
        return (rsa.ExportPkcs8PrivateKey(), PublicKeyFactory.CreateKey(rsa.ExportSubjectPublicKeyInfo()));
    }
}
