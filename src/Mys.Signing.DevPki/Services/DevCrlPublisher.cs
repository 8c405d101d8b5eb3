using Mys.Signing.DevPki.Pki;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace Mys.Signing.DevPki.Services;

/// <summary>CRLs of the dev root (empty) and of the issuing CA (the revoked test certificate).</summary>
public sealed class DevCrlPublisher(DevPkiHierarchy pki, TimeProvider time)
{
    public byte[] IssuingCrl() => Build(pki.IssuingCa, pki.Entries.Where(e => e.RevokedAt is not null));

    public byte[] RootCrl() => Build(pki.Root, []);

    private byte[] Build(DevPkiEntry issuer, IEnumerable<DevPkiEntry> revoked)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(issuer.Certificate.SubjectDN);
        generator.SetThisUpdate(now.AddMinutes(-1));
        generator.SetNextUpdate(now.AddDays(7));
        foreach (var entry in revoked)
        {
            generator.AddCrlEntry(entry.Certificate.SerialNumber, entry.RevokedAt!.Value.UtcDateTime, CrlReason.KeyCompromise);
        }

        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(issuer.Certificate));
        generator.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.ValueOf(time.GetUtcNow().ToUnixTimeSeconds())));
        return generator.Generate(issuer.SignatureFactory()).GetEncoded();
    }
}
