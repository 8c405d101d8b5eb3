using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Mys.Signing.DevPki.Pki;

/// <summary>Creates the dev PKI. Times come from the given <see cref="TimeProvider"/>.</summary>
public static class DevPkiFactory
{
    private static readonly X509Name RootName = DevCertificateBuilder.Name(
        (X509Name.C, "TR"), (X509Name.O, "Mys Geliştirme Kamu SM"), (X509Name.CN, "Mys Geliştirme Kök Sertifika Hizmet Sağlayıcısı"));

    private static readonly X509Name IssuingName = DevCertificateBuilder.Name(
        (X509Name.C, "TR"), (X509Name.O, "Mys Geliştirme Kamu SM"), (X509Name.CN, "Mys Geliştirme Nitelikli Elektronik Sertifika Hizmet Sağlayıcısı"));

    public static DevPkiHierarchy Create(DevPkiOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var now = Truncate(time.GetUtcNow());
        var pki = new DevPkiHierarchy(options.BaseUrl, now, []);
        var start = now.AddYears(-5).UtcDateTime;

        var rootKey = DevKeys.Generate(DevKeyType.Rsa2048);
        var rootCert = new DevCertificateBuilder(RootName, rootKey.Public, start, now.AddYears(20).UtcDateTime)
            .Ca(null).SelfSign(RootName, Org.BouncyCastle.Security.PrivateKeyFactory.CreateKey(rootKey.Pkcs8));
        var root = new DevPkiEntry("root-ca", DevCertificateKind.RootCa, rootCert, rootKey.Pkcs8, DevKeyType.Rsa2048);
        pki.Add(root);

        var caKey = DevKeys.Generate(DevKeyType.Rsa2048);
        var caCert = new DevCertificateBuilder(IssuingName, caKey.Public, start, now.AddYears(15).UtcDateTime)
            .Ca(0).CrlDistributionPoint(pki.RootCrlUrl).IssueBy(root);
        var ca = new DevPkiEntry("issuing-ca", DevCertificateKind.IssuingCa, caCert, caKey.Pkcs8, DevKeyType.Rsa2048);
        pki.Add(ca);

        pki.Add(Service(pki, ca, "tsa", DevCertificateKind.TimeStamping, "Mys Geliştirme Zaman Damgası", now, b =>
            b.EndEntity(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation).ExtendedKeyUsage(true, KeyPurposeID.id_kp_timeStamping)
                .CrlDistributionPoint(pki.IssuingCrlUrl).AuthorityInformationAccess(pki.OcspUrl, pki.BaseUrl + "/ca/issuing.crt")));
        pki.Add(Service(pki, ca, "ocsp", DevCertificateKind.OcspResponder, "Mys Geliştirme OCSP", now, b =>
            b.EndEntity(KeyUsage.DigitalSignature).ExtendedKeyUsage(false, KeyPurposeID.id_kp_OCSPSigning).OcspNoCheck()));
        pki.Add(Service(pki, ca, "seal", DevCertificateKind.SystemSeal, "Mys.Signing Sistem Mührü", now, b =>
            b.EndEntity(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation).CrlDistributionPoint(pki.IssuingCrlUrl)
                .AuthorityInformationAccess(pki.OcspUrl, pki.BaseUrl + "/ca/issuing.crt")));

        IEnumerable<DevPkiPerson> persons = options.Persons.Count > 0 ? options.Persons : DevPkiOptions.DemoPersons;
        foreach (var person in persons)
        {
            pki.Add(IssuePerson(pki, person, now));
        }

        AddFailureCases(pki, now, start);
        return pki;
    }

    /// <summary>Issues a qualified NES certificate for a person on an existing PKI.</summary>
    public static DevPkiEntry IssuePerson(DevPkiHierarchy pki, DevPkiPerson person, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(person);
        return Person(pki, person.Id, DevCertificateKind.Person, person, now.AddHours(-1), now.AddYears(3), qualified: true, KeyUsage.NonRepudiation, pki.IssuingCa);
    }

    /// <summary>Kamu SM's Mali Mühür certificate policy (domain.md §4a).</summary>
    public const string FinancialSealPolicyOid = "2.16.792.1.2.1.1.5.7.4.1";

    /// <summary>
    /// Issues a company's e-Fatura seal (Mali Mühür) on an existing PKI: subject serialNumber = the VKN, O and CN = the
    /// company, Kamu SM's Mali Mühür policy, digitalSignature + nonRepudiation, no QC statements (a seal is not a personal NES).
    /// </summary>
    public static DevPkiEntry IssueFinancialSeal(DevPkiHierarchy pki, string id, string vkn, string company, DevKeyType keyType, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pki);
        var subject = DevCertificateBuilder.Name((X509Name.C, "TR"), (X509Name.O, company), (X509Name.SerialNumber, vkn), (X509Name.CN, company));
        var key = DevKeys.Generate(keyType);
        var cert = new DevCertificateBuilder(subject, key.Public, now.AddHours(-1).UtcDateTime, now.AddYears(2).UtcDateTime)
            .EndEntity(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation)
            .CertificatePolicy(FinancialSealPolicyOid)
            .CrlDistributionPoint(pki.IssuingCrlUrl)
            .AuthorityInformationAccess(pki.OcspUrl, pki.BaseUrl + "/ca/issuing.crt")
            .IssueBy(pki.IssuingCa);
        var entry = new DevPkiEntry(id, DevCertificateKind.FinancialSeal, cert, key.Pkcs8, keyType) { Name = company };
        pki.Add(entry);
        return entry;
    }

    private static void AddFailureCases(DevPkiHierarchy pki, DateTimeOffset now, DateTime start)
    {
        pki.Add(Person(pki, "expired", DevCertificateKind.Expired, new("expired", "Süresi Dolmuş Kişi", "34567890170", DevKeyType.Rsa2048),
            now.AddYears(-4), now.AddYears(-1), true, KeyUsage.NonRepudiation, pki.IssuingCa));
        pki.Add(Person(pki, "not-yet-valid", DevCertificateKind.NotYetValid, new("not-yet-valid", "Henüz Geçerli Olmayan Kişi", "45678901280", DevKeyType.Rsa2048),
            now.AddDays(30), now.AddYears(3), true, KeyUsage.NonRepudiation, pki.IssuingCa));
        var revoked = Person(pki, "revoked", DevCertificateKind.Revoked, new("revoked", "İptal Edilmiş Kişi", "56789012390", DevKeyType.Rsa2048),
            now.AddHours(-2), now.AddYears(3), true, KeyUsage.NonRepudiation, pki.IssuingCa);
        pki.Add(new DevPkiEntry(revoked.Id, revoked.Kind, revoked.Certificate, revoked.Pkcs8PrivateKey, revoked.KeyType)
        {
            Name = revoked.Name,
            Tckn = revoked.Tckn,
            RevokedAt = now.AddMinutes(-30),
        });
        pki.Add(Person(pki, "not-qualified", DevCertificateKind.NotQualified, new("not-qualified", "Nitelikli Olmayan Kişi", "67890123400", DevKeyType.Rsa2048),
            now.AddHours(-1), now.AddYears(3), false, KeyUsage.NonRepudiation, pki.IssuingCa));
        pki.Add(Person(pki, "wrong-key-usage", DevCertificateKind.WrongKeyUsage, new("wrong-key-usage", "Yanlış Anahtar Kullanımı", "78901234510", DevKeyType.Rsa2048),
            now.AddHours(-1), now.AddYears(3), true, KeyUsage.DigitalSignature, pki.IssuingCa));
        pki.Add(Person(pki, "different-tckn", DevCertificateKind.DifferentTckn, new("different-tckn", "Ayşe Yılmaz", "89012345620", DevKeyType.Rsa2048),
            now.AddHours(-1), now.AddYears(3), true, KeyUsage.NonRepudiation, pki.IssuingCa));

        var untrustedName = DevCertificateBuilder.Name((X509Name.C, "TR"), (X509Name.O, "Güvenilmeyen"), (X509Name.CN, "Güvenilmeyen Kök"));
        var untrustedKey = DevKeys.Generate(DevKeyType.Rsa2048);
        var untrustedCert = new DevCertificateBuilder(untrustedName, untrustedKey.Public, start, now.AddYears(20).UtcDateTime)
            .Ca(null).SelfSign(untrustedName, Org.BouncyCastle.Security.PrivateKeyFactory.CreateKey(untrustedKey.Pkcs8));
        var untrustedRoot = new DevPkiEntry("untrusted-root", DevCertificateKind.UntrustedRoot, untrustedCert, untrustedKey.Pkcs8, DevKeyType.Rsa2048);
        pki.Add(untrustedRoot);
        pki.Add(Person(pki, "untrusted", DevCertificateKind.UntrustedPerson, new("untrusted", "Güvenilmeyen Kişi", "10000000146", DevKeyType.Rsa2048),
            now.AddHours(-1), now.AddYears(3), true, KeyUsage.NonRepudiation, untrustedRoot));
    }

    private static DevPkiEntry Service(DevPkiHierarchy pki, DevPkiEntry ca, string id, DevCertificateKind kind, string cn, DateTimeOffset now,
        Func<DevCertificateBuilder, DevCertificateBuilder> extend)
    {
        var name = DevCertificateBuilder.Name((X509Name.C, "TR"), (X509Name.O, "Mys Geliştirme Kamu SM"), (X509Name.CN, cn));
        var key = DevKeys.Generate(DevKeyType.Rsa2048);
        var builder = new DevCertificateBuilder(name, key.Public, now.AddHours(-1).UtcDateTime, now.AddYears(5).UtcDateTime);
        var cert = extend(builder).IssueBy(ca);
        _ = pki;
        return new DevPkiEntry(id, kind, cert, key.Pkcs8, DevKeyType.Rsa2048) { Name = cn };
    }

    private static DevPkiEntry Person(DevPkiHierarchy pki, string id, DevCertificateKind kind, DevPkiPerson person, DateTimeOffset notBefore,
        DateTimeOffset notAfter, bool qualified, int keyUsage, DevPkiEntry issuer)
    {
        var subject = DevCertificateBuilder.Name((X509Name.C, "TR"), (X509Name.SerialNumber, person.Tckn), (X509Name.CN, person.Name));
        var key = DevKeys.Generate(person.KeyType);
        var builder = new DevCertificateBuilder(subject, key.Public, notBefore.UtcDateTime, notAfter.UtcDateTime)
            .EndEntity(keyUsage)
            .CrlDistributionPoint(pki.IssuingCrlUrl)
            .AuthorityInformationAccess(pki.OcspUrl, pki.BaseUrl + "/ca/issuing.crt");
        if (qualified)
        {
            builder.Qualified();
        }

        var cert = builder.IssueBy(issuer);
        return new DevPkiEntry(id, kind, cert, key.Pkcs8, person.KeyType) { Name = person.Name, Tckn = person.Tckn };
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, TimeSpan.Zero);
}
