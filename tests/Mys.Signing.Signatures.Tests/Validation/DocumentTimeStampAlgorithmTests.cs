using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.Signatures.Validation;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities.Collections;
using static Mys.Signing.Signatures.Tests.Validation.CmsAlgorithmTests;

namespace Mys.Signing.Signatures.Tests.Validation;

/// <summary>
/// Document time-stamps (ETSI.RFC3161) of foreign TSAs: the TSTInfo imprint may use any supported digest over the byte
/// range, the token may be signed with RSA or ECDSA and bind its certificate with ESS signing-certificate v1 (SHA-1) or v2.
/// The test TSA is not trusted, so an intact time-stamp ends in INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND.
/// </summary>
public sealed class DocumentTimeStampAlgorithmTests
{
    private static readonly Lazy<byte[]> Rendered = new(() => PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder()));

    [Theory]
    [InlineData(Sha256, "RSA", Sha256)]
    [InlineData(Sha1, "RSA", Sha1)]
    [InlineData(Sha512, "EC", Sha384)]
    [InlineData(Sha3With256, "EC", Sha256)]
    [InlineData(Sha384, "RSA", Sha512)]
    public async Task A_foreign_document_time_stamp_verifies_and_a_changed_byte_fails(string imprintOid, string tsa, string tsaDigestOid)
    {
        var stamped = await TimeStampAsync(Rendered.Value, imprintOid, tsa == "RSA" ? TestCmsBuilder.RsaTsa : TestCmsBuilder.EcTsa, tsaDigestOid);
        var report = (await Validator().ValidatePdfAsync(stamped)).Signatures.Single();
        report.Kind.ShouldBe("DocTimeStamp");
        report.Indication.ShouldBe(Indication.Indeterminate, Describe(report));
        report.SubIndication.ShouldBe(SubIndication.NoCertificateChainFound, Describe(report));
        report.Findings.ShouldContain("TSA_CHAIN_NOT_TRUSTED");
        report.TimeStampTime.ShouldNotBeNull();
        if (imprintOid == Sha1 || tsaDigestOid == Sha1)
        {
            report.Findings.ShouldContain("WEAK_DIGEST_ALGORITHM: SHA-1");
        }

        var tampered = stamped.ToArray();
        tampered[tampered.AsSpan().IndexOf("stream\n"u8) + 40] ^= 0x04;
        var broken = (await Validator().ValidatePdfAsync(tampered)).Signatures.Single();
        broken.Indication.ShouldBe(Indication.TotalFailed, Describe(broken));
        broken.SubIndication.ShouldBe(SubIndication.HashFailure);
        broken.Findings.ShouldContain("TIMESTAMP_IMPRINT_MISMATCH");
    }

    [Fact]
    public async Task A_time_stamp_token_with_a_changed_signature_fails()
    {
        var stamped = await TimeStampAsync(Rendered.Value, Sha256, TestCmsBuilder.EcTsa, Sha256, flipSignature: true);
        var report = (await Validator().ValidatePdfAsync(stamped)).Signatures.Single();
        report.Indication.ShouldBe(Indication.TotalFailed, Describe(report));
        report.Findings.ShouldContain(f => f.StartsWith("TIMESTAMP_INVALID", StringComparison.Ordinal));
    }

    /// <summary>
    /// Adds a document time-stamp with our extender (SHA-256 placeholder token), then replaces the token with one whose
    /// imprint uses <paramref name="imprintOid"/> over the same byte range.
    /// </summary>
    private static async Task<byte[]> TimeStampAsync(byte[] pdf, string imprintOid, TestKey tsa, string tsaDigestOid, bool flipSignature = false)
    {
        var extender = new PadesExtender(new TestTsa(tsa, tsaDigestOid), new HttpRevocationDataClient(new HttpClient()));
        var stamped = await extender.AddDocumentTimeStampAsync(pdf);
        stamped.IsSuccess.ShouldBeTrue();
        var bytes = stamped.Value;
        var info = PdfSignatureInfo.Read(PdfFile.Load(bytes)).Single(i => i.IsDocumentTimeStamp);
        var range = info.ByteRange;
        byte[] signedBytes = [.. bytes.AsSpan((int)range[0], (int)range[1]), .. bytes.AsSpan((int)range[2], (int)range[3])];
        var token = Token(tsa, tsaDigestOid, imprintOid, TestCmsBuilder.Digest(imprintOid, signedBytes));
        if (flipSignature)
        {
            var value = new Org.BouncyCastle.Cms.CmsSignedData(token).GetSignerInfos().GetSigners().Cast<Org.BouncyCastle.Cms.SignerInformation>().Single().GetSignature();
            token[token.AsSpan().LastIndexOf(value) + value.Length - 1] ^= 0x01;
        }

        var hexLength = (int)(range[2] - range[1] - 2);
        Array.Fill(bytes, (byte)'0', (int)range[1] + 1, hexLength);
        PdfSignaturePlaceholder.Fill(bytes, (int)range[1] + 1, hexLength, token).ShouldBeTrue();
        return bytes;
    }

    private static byte[] Token(TestKey tsa, string tsaDigestOid, string imprintOid, byte[] imprint)
    {
        var generator = new TimeStampTokenGenerator(tsa.Pair.Private, tsa.Certificate, tsaDigestOid, "1.2.3.4.1");
        generator.SetCertificates(CollectionUtilities.CreateStore(new[] { tsa.Certificate }));
        var requestGenerator = new TimeStampRequestGenerator();
        requestGenerator.SetCertReq(true);
        var request = requestGenerator.Generate(imprintOid, imprint, BigInteger.ValueOf(7));
        return generator.Generate(request, BigInteger.ValueOf(Random.Shared.Next(1, int.MaxValue)), DateTime.UtcNow).GetEncoded();
    }

    private sealed class TestTsa(TestKey tsa, string tsaDigestOid) : ITimeStampClient
    {
        public Task<SignatureResult<byte[]>> GetTokenAsync(byte[] digest, DigestAlgorithm algorithm, CancellationToken cancellationToken = default) =>
            Task.FromResult(SignatureResult<byte[]>.Success(Token(tsa, tsaDigestOid, algorithm.Oid(), digest)));
    }
}
