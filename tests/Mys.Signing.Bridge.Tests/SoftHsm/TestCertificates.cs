using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mys.Signing.Bridge.Tests.SoftHsm;

/// <summary>A key pair and its certificate, made in the test (nothing checked in).</summary>
public sealed record TestCredential(string TokenLabel, byte[] Id, X509Certificate2 Certificate, byte[] Pkcs8PrivateKey, byte[] PublicKeyInfo)
{
    public string CertificateBase64 => Convert.ToBase64String(Certificate.RawData);
}

/// <summary>A tiny CA issuing NES-like certificates: subject serialNumber = TCKN, keyUsage nonRepudiation.</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly RSA _caKey = RSA.Create(2048);
    private readonly X509Certificate2 _ca;

    public TestCertificates()
    {
        var request = new CertificateRequest("CN=Mys Test NES CA, O=Mys.Signing Test, C=TR", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
    }

    public TestCredential Rsa(string tokenLabel, byte id, string commonName, string tckn, bool nonRepudiation = true)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(Subject(commonName, tckn), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return Issue(tokenLabel, id, request, nonRepudiation, key.ExportPkcs8PrivateKey(), key.ExportSubjectPublicKeyInfo());
    }

    public TestCredential Ec(string tokenLabel, byte id, string commonName, string tckn)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(commonName, tckn), key, HashAlgorithmName.SHA256);
        return Issue(tokenLabel, id, request, true, key.ExportPkcs8PrivateKey(), key.ExportSubjectPublicKeyInfo());
    }

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
    }

    private static X500DistinguishedName Subject(string commonName, string tckn)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("TR");
        name.Add("2.5.4.5", tckn, UniversalTagNumber.PrintableString);
        name.AddCommonName(commonName);
        return name.Build();
    }

    private TestCredential Issue(string tokenLabel, byte id, CertificateRequest request, bool nonRepudiation, byte[] pkcs8, byte[] spki)
    {
        var usage = nonRepudiation ? X509KeyUsageFlags.NonRepudiation : X509KeyUsageFlags.DigitalSignature;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01); // positive, no leading zero
        using var issued = request.Create(
            _ca.SubjectName, X509SignatureGenerator.CreateForRSA(_caKey, RSASignaturePadding.Pkcs1),
            DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddYears(3), serial);
        var publicOnly = X509CertificateLoader.LoadCertificate(issued.RawData);
        return new TestCredential(tokenLabel, [id], publicOnly, pkcs8, spki);
    }
}
