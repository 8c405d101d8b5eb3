using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mys.Signing.Bridge.Pkcs11;
using Net.Pkcs11Interop.Common;
using Pkcs11Exception = Mys.Signing.Bridge.Pkcs11.Pkcs11Exception;

namespace Mys.Signing.Bridge.Card;

/// <summary>A certificate usable for signing: nonRepudiation and a key object with the same CKA_ID.</summary>
public sealed record CardCertificate(TokenInfo Token, byte[] Der, CertificateDescription Description, IReadOnlyList<string> SignatureAlgorithms);

/// <summary>Lists signing certificates on every present token, without login. Call under <see cref="CardGate"/>.</summary>
public static class CertificateCatalog
{
    public static IReadOnlyList<CardCertificate> List(Pkcs11Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var result = new List<CardCertificate>();
        foreach (var token in TokenObjects.UsableTokens(module))
        {
            CardSession session;
            try
            {
                session = module.OpenSession(token.SlotId);
            }
            catch (Pkcs11Exception e) when (TokenObjects.IsUnusableToken(e))
            {
                continue;
            }

            using (session)
            {
                var mechanisms = Mechanisms(module, token.SlotId);
                foreach (var certificate in TokenObjects.Certificates(session))
                {
                    var description = Describe(certificate.Der);
                    if (description is { NonRepudiation: true } && HasKey(session, certificate.Id))
                    {
                        result.Add(new CardCertificate(token, certificate.Der, description, Algorithms(description, mechanisms)));
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Cards usually show the public key object before login and the private key only after, so either counts.</summary>
    private static bool HasKey(CardSession session, byte[] id) =>
        id.Length > 0
        && (TokenObjects.Keys(session, CKO.CKO_PRIVATE_KEY, id).Count > 0
            || TokenObjects.Keys(session, CKO.CKO_PUBLIC_KEY, id).Count > 0);

    private static CertificateDescription? Describe(byte[] der)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            return CertificateDescription.Of(certificate);
        }
        catch (CryptographicException)
        {
            return null; // a malformed object on the card is skipped, not fatal
        }
    }

    private static IReadOnlyList<CKM>? Mechanisms(Pkcs11Module module, ulong slot)
    {
        try
        {
            return module.GetMechanismList(slot);
        }
        catch (Pkcs11Exception)
        {
            return null; // unknown: offer what the key type allows
        }
    }

    private static IReadOnlyList<string> Algorithms(CertificateDescription description, IReadOnlyList<CKM>? mechanisms)
    {
        var mechanism = description.IsRsa ? CKM.CKM_RSA_PKCS : CKM.CKM_ECDSA;
        if (mechanisms is not null && !mechanisms.Contains(mechanism))
        {
            return [];
        }

        return description.IsRsa
            ? [.. DigestAlgorithm.All.Select(a => a.RsaSignatureName)]
            : description.KeyType == "EC" ? [.. DigestAlgorithm.All.Select(a => a.EcSignatureName)] : [];
    }
}
