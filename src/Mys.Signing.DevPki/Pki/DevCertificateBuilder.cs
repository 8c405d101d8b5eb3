using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X509.Qualified;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Mys.Signing.DevPki.Pki;

/// <summary>Fluent helper around BouncyCastle's certificate generator with the extensions NSS insists on.</summary>
internal sealed class DevCertificateBuilder
{
    /// <summary>ETSI EN 319 412-5 QcCompliance.</summary>
    public const string QcComplianceOid = "0.4.0.1862.1.1";

    /// <summary>Turkish qualified electronic certificate statement (BTK).</summary>
    public const string TurkishQcOid = "2.16.792.1.61.0.1.5070.1.1";

    private readonly X509V3CertificateGenerator _generator = new();
    private readonly AsymmetricKeyParameter _publicKey;

    public DevCertificateBuilder(X509Name subject, AsymmetricKeyParameter publicKey, DateTime notBefore, DateTime notAfter)
    {
        _publicKey = publicKey;
        _generator.SetSerialNumber(new BigInteger(1, RandomNumberGenerator.GetBytes(16)));
        _generator.SetSubjectDN(subject);
        _generator.SetPublicKey(publicKey);
        _generator.SetNotBefore(notBefore);
        _generator.SetNotAfter(notAfter);
        _generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(publicKey));
    }

    public static X509Name Name(params (DerObjectIdentifier Oid, string Value)[] parts)
    {
        var oids = new List<DerObjectIdentifier>();
        var values = new List<string>();
        foreach (var (oid, value) in parts)
        {
            oids.Add(oid);
            values.Add(value);
        }

        return new X509Name(oids, values);
    }

    public DevCertificateBuilder Ca(int? pathLength)
    {
        _generator.AddExtension(X509Extensions.BasicConstraints, true, pathLength is int p ? new BasicConstraints(p) : new BasicConstraints(true));
        _generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        return this;
    }

    public DevCertificateBuilder EndEntity(int keyUsage)
    {
        _generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        _generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(keyUsage));
        return this;
    }

    public DevCertificateBuilder ExtendedKeyUsage(bool critical, KeyPurposeID purpose)
    {
        _generator.AddExtension(X509Extensions.ExtendedKeyUsage, critical, new ExtendedKeyUsage(purpose));
        return this;
    }

    public DevCertificateBuilder OcspNoCheck()
    {
        _generator.AddExtension(OcspObjectIdentifiers.PkixOcspNocheck, false, DerNull.Instance);
        return this;
    }

    public DevCertificateBuilder Qualified()
    {
        var statements = new DerSequence(
            new QCStatement(new DerObjectIdentifier(QcComplianceOid)),
            new QCStatement(new DerObjectIdentifier(TurkishQcOid)));
        _generator.AddExtension(X509Extensions.QCStatements, false, statements);
        return this;
    }

    public DevCertificateBuilder CertificatePolicy(string oid)
    {
        _generator.AddExtension(X509Extensions.CertificatePolicies, false, new CertificatePolicies(new PolicyInformation(new DerObjectIdentifier(oid))));
        return this;
    }

    public DevCertificateBuilder CrlDistributionPoint(string url)
    {
        var name = new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.UniformResourceIdentifier, url)));
        _generator.AddExtension(X509Extensions.CrlDistributionPoints, false, new CrlDistPoint([new DistributionPoint(name, null, null)]));
        return this;
    }

    public DevCertificateBuilder AuthorityInformationAccess(string ocspUrl, string caIssuersUrl)
    {
        var ocsp = new AccessDescription(AccessDescription.IdADOcsp, new GeneralName(GeneralName.UniformResourceIdentifier, ocspUrl));
        var issuers = new AccessDescription(AccessDescription.IdADCAIssuers, new GeneralName(GeneralName.UniformResourceIdentifier, caIssuersUrl));
        _generator.AddExtension(X509Extensions.AuthorityInfoAccess, false, new DerSequence(ocsp, issuers));
        return this;
    }

    /// <summary>Self-signed.</summary>
    public BcCertificate SelfSign(X509Name subject, AsymmetricKeyParameter privateKey)
    {
        _generator.SetIssuerDN(subject);
        _generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(SubjectKeyId(_publicKey)));
        return _generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", privateKey));
    }

    public BcCertificate IssueBy(DevPkiEntry issuer)
    {
        _generator.SetIssuerDN(issuer.Certificate.SubjectDN);
        _generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(SubjectKeyId(issuer.Certificate.GetPublicKey())));
        return _generator.Generate(new Asn1SignatureFactory(issuer.SignatureAlgorithm, issuer.PrivateKey));
    }

    private static byte[] SubjectKeyId(AsymmetricKeyParameter key) => X509ExtensionUtilities.CreateSubjectKeyIdentifier(key).GetKeyIdentifier();
}
