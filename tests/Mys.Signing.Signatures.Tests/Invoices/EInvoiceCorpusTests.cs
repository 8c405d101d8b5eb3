using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Signatures.Invoices;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.TestSupport.Invoices;
using Org.BouncyCastle.X509;

namespace Mys.Signing.Signatures.Tests.Invoices;

/// <summary>
/// A dev PKI with the seals real e-Faturas carry: Mali Mühür seals (RSA-2048 and ECDSA P-384, Kamu SM policy, VKN in
/// the subject serialNumber), an integrator's P-384 seal of another VKN, and a personal NES (TCKN).
/// </summary>
public sealed class EInvoicePkiFixture : IDisposable
{
    public const string SupplierVkn = "4540536920";
    public const string IntegratorVkn = "4840847211";
    public const string PersonTckn = "10000000146";

    public EInvoicePkiFixture()
    {
        Pki = DevPkiFactory.Create(new DevPkiOptions(), TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        RsaSeal = DevPkiFactory.IssueFinancialSeal(Pki, "seal-rsa", SupplierVkn, "Işık Kırtasiye A.Ş.", DevKeyType.Rsa2048, now);
        EcSeal = DevPkiFactory.IssueFinancialSeal(Pki, "seal-p384", SupplierVkn, "Işık Kırtasiye A.Ş.", DevKeyType.EcP384, now);
        OtherEcSeal = DevPkiFactory.IssueFinancialSeal(Pki, "seal-p384-other", SupplierVkn, "Işık Kırtasiye A.Ş.", DevKeyType.EcP384, now);
        P256Seal = DevPkiFactory.IssueFinancialSeal(Pki, "seal-p256", SupplierVkn, "Işık Kırtasiye A.Ş.", DevKeyType.EcP256, now);
        IntegratorSeal = DevPkiFactory.IssueFinancialSeal(Pki, "seal-integrator", IntegratorVkn, "Örnek Entegratör Bilgi Teknolojileri A.Ş.", DevKeyType.EcP384, now);
        Person = Pki["ayse"];
        OtherRsaSeal = DevPkiFactory.IssueFinancialSeal(Pki, "seal-rsa-other", SupplierVkn, "Işık Kırtasiye A.Ş.", DevKeyType.Rsa2048, now);
        File.WriteAllText(RootPem, Pem(Pki.Root.CertificateDer));
        File.WriteAllText(IssuingPem, Pem(Pki.IssuingCa.CertificateDer));
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("mys-efatura-").FullName;

    public DevPkiHierarchy Pki { get; }

    public DevPkiEntry RsaSeal { get; }

    public DevPkiEntry OtherRsaSeal { get; }

    public DevPkiEntry EcSeal { get; }

    public DevPkiEntry OtherEcSeal { get; }

    public DevPkiEntry P256Seal { get; }

    public DevPkiEntry IntegratorSeal { get; }

    public DevPkiEntry Person { get; }

    public string RootPem => Path.Combine(Folder, "root.pem");

    public string IssuingPem => Path.Combine(Folder, "issuing.pem");

    /// <summary>xmlsec1's verdict: the signature and every reference verify, the certificate chaining to the dev root.</summary>
    public (bool Verified, string Output) XmlSec(string xml)
    {
        var path = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".xml");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(xml));
        var (exit, output) = Tools.Run("/usr/bin/xmlsec1", "--verify", "--trusted-pem", RootPem, "--untrusted-pem", IssuingPem,
            "--id-attr:Id", EInvoiceSignatureChecker.XadesNamespace + ":SignedProperties", path);
        File.Delete(path);
        return (exit == 0, output);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static string Pem(byte[] der) => "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks) + "\n-----END CERTIFICATE-----\n";
}

/// <summary>
/// The issue-22 corpus: invoices the project generates and signs itself — every profile and type, TR1.2 and TR1.2.1,
/// TRY and EUR, dates with and without a zone, <c>&amp;#13;</c> in signed text, RSA and ECDSA seals, raw and DER ECDSA
/// values, inclusive and exclusive C14N, SHA-1/SHA-2 — each judged by our checker and by <c>xmlsec1 --verify</c>, with
/// tampered twins. The two must agree on every file (for DER values xmlsec1 is asked about the r‖s conversion, as the
/// issue did), and no valid invoice may be called altered. The fast subset judges the first
/// <see cref="FastCorpusSize"/> cases (every seal and encoding, every digest, both C14N, both customizations, TRY and
/// EUR, CR kept and not) and the personal NES; <see cref="EInvoiceFullCorpusTests"/> (slow) judges all of them.
/// </summary>
public sealed class EInvoiceCorpusTests(EInvoicePkiFixture fx) : IClassFixture<EInvoicePkiFixture>
{
    public const int FastCorpusSize = 8;

    private static readonly string[] Profiles = ["TEMELFATURA", "TICARIFATURA", "EARSIVFATURA", "IHRACAT", "KAMU"];
    private static readonly string[] Types = ["SATIS", "IADE", "TEVKIFAT", "ISTISNA", "OZELMATRAH"];
    private static readonly string[] Dates = ["2025-06-05", "2025-06-05+03:00", "2025-06-05Z", "2025-06-05-05:00"];
    private static readonly string[] Digests = [XmlDsigAlgorithms.Sha256, XmlDsigAlgorithms.Sha384, XmlDsigAlgorithms.Sha512, XmlDsigAlgorithms.Sha1];
    private static readonly string[] Canonicalizations = [XmlDsigCanonicalizer.C14N, XmlDsigCanonicalizer.ExcC14N];

    public sealed record CorpusCase(string Name, UblTrTestInvoice Invoice, DevPkiEntry Seal, XadesTestOptions Options, string? Supplier);

    internal static IEnumerable<CorpusCase> Corpus(EInvoicePkiFixture pki)
    {
        var signers = new (string Name, DevPkiEntry Seal, string? Method, EcdsaValueEncoding Encoding)[]
        {
            ("rsa-sha256", pki.RsaSeal, XmlDsigAlgorithms.RsaSha256, EcdsaValueEncoding.Raw),
            ("p384-raw", pki.EcSeal, XmlDsigAlgorithms.EcdsaSha384, EcdsaValueEncoding.Raw),
            ("p384-der", pki.EcSeal, XmlDsigAlgorithms.EcdsaSha384, EcdsaValueEncoding.Der),
            ("rsa-sha1", pki.RsaSeal, XmlDsigAlgorithms.RsaSha1, EcdsaValueEncoding.Raw),
            ("p256-sha256", pki.P256Seal, XmlDsigAlgorithms.EcdsaSha256, EcdsaValueEncoding.Raw),
            ("rsa-sha512", pki.RsaSeal, XmlDsigAlgorithms.RsaSha512, EcdsaValueEncoding.Raw),
            ("p384-sha512-der", pki.EcSeal, XmlDsigAlgorithms.EcdsaSha512, EcdsaValueEncoding.Der),
            ("integrator-p384", pki.IntegratorSeal, XmlDsigAlgorithms.EcdsaSha384, EcdsaValueEncoding.Raw),
        };
        var n = 0;
        foreach (var profile in Profiles)
        {
            foreach (var type in Types)
            {
                var signer = signers[n % signers.Length];
                var invoice = new UblTrTestInvoice
                {
                    Number = $"ABC2025{n + 1:D9}",
                    ProfileId = profile,
                    TypeCode = type,
                    CustomizationId = n % 2 == 0 ? "TR1.2" : "TR1.2.1",
                    IssueDate = Dates[n % Dates.Length],
                    Currency = n % 5 == 3 ? "EUR" : "TRY",
                    CarriageReturnInAddress = n % 3 != 1,
                };
                var options = new XadesTestOptions
                {
                    SignatureMethod = signer.Method,
                    EcdsaEncoding = signer.Encoding,
                    DigestMethod = Digests[n % Digests.Length],
                    CanonicalizationMethod = Canonicalizations[(n / 2) % Canonicalizations.Length],
                };
                yield return new CorpusCase($"{n:D2} {profile}/{type}/{invoice.CustomizationId}/{invoice.IssueDate}/{invoice.Currency}/{signer.Name}"
                    + (invoice.CarriageReturnInAddress ? "/CR" : string.Empty), invoice, signer.Seal, options, EInvoicePkiFixture.SupplierVkn);
                n++;
            }
        }

        // A person (TCKN) invoicing with a personal NES.
        yield return new CorpusCase("person NES", new UblTrTestInvoice { Number = "ABC2025000000900", SupplierScheme = "TCKN", SupplierId = EInvoicePkiFixture.PersonTckn,
            SupplierName = "Ayşe Yılmaz", CarriageReturnInAddress = true }, pki.Person, new XadesTestOptions(), EInvoicePkiFixture.PersonTckn);
    }

    [Fact]
    public void Every_seal_and_encoding_of_the_corpus_and_every_tampered_twin_gets_the_verdict_xmlsec1_gives()
    {
        var corpus = Corpus(fx).ToList();
        var judged = Judge(fx, [.. corpus.Take(FastCorpusSize), corpus[^1]]);

        judged.ShouldBeGreaterThan(30);
    }

    /// <summary>Each case and its tampered twins judged by our checker and by xmlsec1; returns how many files were judged.</summary>
    internal static int Judge(EInvoicePkiFixture pki, IEnumerable<CorpusCase> cases)
    {
        var judged = 0;
        var disagreements = new List<string>();
        foreach (var c in cases)
        {
            var signed = XadesTestSigner.Sign(c.Invoice, c.Seal, c.Options);
            var isDer = c.Options.EcdsaEncoding == EcdsaValueEncoding.Der && c.Seal.KeyType != DevKeyType.Rsa2048;
            var fieldBytes = c.Seal.KeyType == DevKeyType.EcP256 ? 32 : 48;
            var files = new List<(string Name, string Xml, EInvoiceSignatureStatus Expected)>
            {
                ("as signed", signed, isDer ? EInvoiceSignatureStatus.VerifiedNonStandardEncoding : EInvoiceSignatureStatus.Verified),
                ("amount changed", signed.Replace($">{Amount(c.Invoice.Payable)}</cbc:PayableAmount>", ">1.00</cbc:PayableAmount>", StringComparison.Ordinal), EInvoiceSignatureStatus.Altered),
                ("signing time changed", signed.Replace("<xades:SigningTime>2025-06-05T11:30:00", "<xades:SigningTime>2025-06-04T11:30:00", StringComparison.Ordinal),
                    EInvoiceSignatureStatus.Altered),
                ("signed by another key", XadesTestSigner.Sign(c.Invoice, c.Seal, c.Options with { SignWith = OtherKey(pki, c.Seal) }), EInvoiceSignatureStatus.SignatureInvalid),
            };
            if (c.Invoice.CarriageReturnInAddress)
            {
                files.Add(("CR dropped from the address", signed.Replace("&#13;&#10;", "&#10;", StringComparison.Ordinal), EInvoiceSignatureStatus.Altered));
            }

            foreach (var (name, xml, expected) in files)
            {
                xml.ShouldNotBe(name == "as signed" ? null : signed, $"{c.Name} {name}: the twin differs from the original");
                var ours = EInvoiceSignatureChecker.Check(Encoding.UTF8.GetBytes(xml), c.Supplier);
                var forXmlSec = isDer && ours.Status != EInvoiceSignatureStatus.SignatureInvalid ? XadesTestSigner.DerToRaw(xml, fieldBytes) : xml;
                var (xmlsec, output) = pki.XmlSec(forXmlSec);
                judged++;
                if (ours.IsVerified != xmlsec)
                {
                    disagreements.Add($"{c.Name} {name}: ours {ours.Status} ({ours.Message}), xmlsec1 {(xmlsec ? "OK" : "FAIL")}: {output.Trim()}");
                }

                if (ours.Status != expected)
                {
                    disagreements.Add($"{c.Name} {name}: expected {expected}, ours {ours.Status}: {ours.Message}");
                }
            }

            if (isDer)
            {
                pki.XmlSec(signed).Verified.ShouldBeFalse($"{c.Name}: xmlsec1 refuses the DER value as it is, which is why it is noted as non-standard");
            }
        }

        disagreements.ShouldBeEmpty();
        return judged;
    }

    [Fact]
    public void A_carriage_return_written_as_a_character_reference_is_verified_where_SignedXml_calls_it_altered()
    {
        var invoice = new UblTrTestInvoice { Number = "ABC2025000000777", CarriageReturnInAddress = true };
        var signed = XadesTestSigner.Sign(invoice, fx.RsaSeal);

        EInvoiceSignatureChecker.Check(Encoding.UTF8.GetBytes(signed), EInvoicePkiFixture.SupplierVkn).Status.ShouldBe(EInvoiceSignatureStatus.Verified);
        fx.XmlSec(signed).Verified.ShouldBeTrue();

        // The old path: SignedXml re-serialises the document for the "" reference and the CR is lost on the way.
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(signed);
        var signedXml = new SignedXml(document);
        signedXml.LoadXml((XmlElement)document.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl)[0]!);
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(fx.RsaSeal.CertificateDer);
        signedXml.CheckSignature(certificate, verifySignatureOnly: true).ShouldBeFalse("the bug the issue reports, kept as evidence of the cause");
    }

    [Fact]
    public void The_verdict_names_the_seal_and_whether_it_is_the_suppliers()
    {
        var invoice = new UblTrTestInvoice { Number = "ABC2025000000778" };

        var own = EInvoiceSignatureChecker.Check(Encoding.UTF8.GetBytes(XadesTestSigner.Sign(invoice, fx.EcSeal)), EInvoicePkiFixture.SupplierVkn);
        own.Signer!.Kind.ShouldBe(EInvoiceSignerKind.FinancialSeal);
        own.Signer.TaxId.ShouldBe(EInvoicePkiFixture.SupplierVkn);
        own.SignerIsSupplier.ShouldBe(true);
        own.Message.ShouldContain("İmzalayan: Mali Mühür — Işık Kırtasiye A.Ş. (VKN 4540536920); satıcının VKN'si ile aynı.");
        own.Message.ShouldContain("Sertifika zinciri, geçerlilik süresi ve iptal durumu denetlenmedi");

        var integrator = EInvoiceSignatureChecker.Check(Encoding.UTF8.GetBytes(XadesTestSigner.Sign(invoice, fx.IntegratorSeal)), EInvoicePkiFixture.SupplierVkn);
        integrator.Status.ShouldBe(EInvoiceSignatureStatus.Verified, "a seal of another VKN is not tampering");
        integrator.SignerIsSupplier.ShouldBe(false);
        integrator.Message.ShouldContain("satıcının VKN/TCKN'si değil");

        var person = new UblTrTestInvoice { Number = "ABC2025000000779", SupplierScheme = "TCKN", SupplierId = EInvoicePkiFixture.PersonTckn };
        var nes = EInvoiceSignatureChecker.Check(Encoding.UTF8.GetBytes(XadesTestSigner.Sign(person, fx.Person)), EInvoicePkiFixture.PersonTckn);
        nes.Signer!.Kind.ShouldBe(EInvoiceSignerKind.PersonalNes);
        nes.Message.ShouldContain("Nitelikli elektronik sertifika (NES) — Ayşe Yılmaz (TCKN 10000000146); satıcının TCKN'si ile aynı.");
    }

    [Fact]
    public void A_financial_seal_is_not_a_personal_nes()
    {
        var seal = EInvoiceSigner.From(new X509CertificateParser().ReadCertificate(fx.EcSeal.CertificateDer));
        var person = EInvoiceSigner.From(new X509CertificateParser().ReadCertificate(fx.Person.CertificateDer));

        seal.Kind.ShouldBe(EInvoiceSignerKind.FinancialSeal);
        person.Kind.ShouldBe(EInvoiceSignerKind.PersonalNes);
        person.TaxId.ShouldBe(EInvoicePkiFixture.PersonTckn);
    }

    [Fact]
    public void An_unsupported_transform_could_not_be_checked_and_is_not_success()
    {
        var signed = XadesTestSigner.Sign(new UblTrTestInvoice { Number = "ABC2025000000780" }, fx.RsaSeal)
            .Replace("xmldsig#enveloped-signature", "xmldsig#base64", StringComparison.Ordinal);

        var report = EInvoiceSignatureChecker.Check(Encoding.UTF8.GetBytes(signed));

        report.Status.ShouldBe(EInvoiceSignatureStatus.CouldNotCheck);
        report.IsVerified.ShouldBeFalse();
        report.Message.ShouldContain("Bu, imzanın geçerli olduğu anlamına gelmez.");
    }

    [Theory]
    [InlineData("AAAA")]
    [InlineData("not base64")]
    public void A_certificate_that_cannot_be_read_could_not_be_checked(string certificate)
    {
        var signed = XadesTestSigner.Sign(new UblTrTestInvoice { Number = "ABC2025000000782" }, fx.RsaSeal);
        var start = signed.IndexOf("<ds:X509Certificate>", StringComparison.Ordinal) + "<ds:X509Certificate>".Length;
        var end = signed.IndexOf("</ds:X509Certificate>", StringComparison.Ordinal);
        var broken = string.Concat(signed.AsSpan(0, start), certificate, signed.AsSpan(end));

        var report = EInvoiceSignatureChecker.Check(Encoding.UTF8.GetBytes(broken));

        report.Status.ShouldBe(EInvoiceSignatureStatus.CouldNotCheck);
        fx.XmlSec(broken).Verified.ShouldBeFalse();
    }

    [Fact]
    public void Der_and_raw_ecdsa_values_are_told_apart()
    {
        var raw = new byte[96];
        raw[0] = 0x80;
        raw[95] = 1;
        EcdsaSignatureValue.IsDer(raw).ShouldBeFalse();
        var der = Convert.FromBase64String(Between(XadesTestSigner.Sign(new UblTrTestInvoice { Number = "ABC2025000000781" }, fx.EcSeal,
            new XadesTestOptions { EcdsaEncoding = EcdsaValueEncoding.Der }), "<ds:SignatureValue>", "</ds:SignatureValue>"));
        EcdsaSignatureValue.IsDer(der).ShouldBeTrue();
        EcdsaSignatureValue.DerToRaw(der, 48)!.Length.ShouldBe(96);
    }

    private static DevPkiEntry OtherKey(EInvoicePkiFixture pki, DevPkiEntry seal) => seal.KeyType switch
    {
        DevKeyType.EcP384 => ReferenceEquals(seal, pki.OtherEcSeal) ? pki.EcSeal : pki.OtherEcSeal,
        DevKeyType.EcP256 => pki.Pki["mehmet"],
        _ => ReferenceEquals(seal, pki.OtherRsaSeal) ? pki.RsaSeal : pki.OtherRsaSeal,
    };

    private static string Amount(decimal value) => value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static string Between(string text, string open, string close)
    {
        var start = text.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return text[start..text.IndexOf(close, start, StringComparison.Ordinal)];
    }
}
