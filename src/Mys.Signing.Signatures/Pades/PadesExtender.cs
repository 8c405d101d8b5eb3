using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.Signatures.Validation;
using Org.BouncyCastle.Cms;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Mys.Signing.Signatures.Pades;

/// <summary>
/// Raises signed PDFs to B-LT (/DSS with certificates, OCSP responses and CRLs) and B-LTA (document time-stamp),
/// each as an incremental update that leaves every earlier signature intact.
/// </summary>
public sealed class PadesExtender(ITimeStampClient timeStampClient, IRevocationDataClient revocationClient)
{
    /// <summary>Field name prefix of document time-stamps.</summary>
    public const string DocTimeStampFieldPrefix = "BelgeZamanDamgasi";

    /// <summary>Collects the chain and revocation data of every signature (and its time-stamp) and appends them as /DSS.</summary>
    public async Task<SignatureResult<byte[]>> AddValidationDataAsync(byte[] pdf, IEnumerable<byte[]> trustAnchors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trustAnchors);
        PdfFile file;
        try
        {
            file = PdfFile.Load(pdf);
        }
        catch (FormatException)
        {
            return SignatureResult<byte[]>.Failure(SignatureErrors.MalformedPdf);
        }

        var anchors = trustAnchors.ToList();
        var paths = new CertificatePathBuilder(anchors);
        var certificates = new List<byte[]>();
        var checker = new RevocationChecker(revocationClient);
        foreach (var signature in PdfSignatureInfo.Read(file))
        {
            foreach (var (leaf, pool) in Signers(signature))
            {
                var path = paths.Build(leaf, pool);
                if (path is null)
                {
                    continue;
                }

                certificates.AddRange(path.Select(c => c.GetEncoded()));
                for (var i = 0; i + 1 < path.Count; i++)
                {
                    var status = await checker.CheckAsync(path[i], path[i + 1], [], [], cancellationToken);
                    if (status is null && i == 0)
                    {
                        return SignatureResult<byte[]>.Failure("REVOCATION_UNAVAILABLE", "İptal bilgisi (OCSP/SİL) alınamadı; uzun süreli doğrulama verisi eklenemedi.");
                    }
                }
            }
        }

        var content = new DssContent(certificates.DistinctBy(Convert.ToBase64String).ToList(), checker.CollectedOcspResponses.ToList(), checker.CollectedCrls.ToList());
        return SignatureResult<byte[]>.Success(PdfDss.Append(pdf, content));
    }

    /// <summary>Appends a document time-stamp (/Type /DocTimeStamp, /SubFilter /ETSI.RFC3161) in a new invisible field.</summary>
    public async Task<SignatureResult<byte[]>> AddDocumentTimeStampAsync(byte[] pdf, DigestAlgorithm digest = DigestAlgorithm.Sha256,
        int contentsSize = 12288, CancellationToken cancellationToken = default)
    {
        PdfFile file;
        try
        {
            file = PdfFile.Load(pdf);
        }
        catch (FormatException)
        {
            return SignatureResult<byte[]>.Failure(SignatureErrors.MalformedPdf);
        }

        var update = new PdfIncrementalUpdate(file);
        var signature = update.Add(PdfSignaturePlaceholder.Dictionary("DocTimeStamp", "ETSI.RFC3161", null, null, null, null, contentsSize));
        var fields = PdfAcroForm.Fields(file);
        var name = DocTimeStampFieldPrefix + (fields.Count(f => f.FullName.StartsWith(DocTimeStampFieldPrefix, StringComparison.Ordinal)) + 1);
        var widget = new PdfDictionary();
        widget["T"] = PdfString.FromText(name);
        widget["F"] = new PdfNumber(132);
        widget["Rect"] = new PdfArray([new PdfNumber(0), new PdfNumber(0), new PdfNumber(0), new PdfNumber(0)]);
        widget["V"] = signature;
        PdfSignatureFieldWriter.Add(file, update, widget, 0);

        var (bytes, offsets) = update.Build();
        var (contentsOffset, hexLength, range) = PdfSignaturePlaceholder.Patch(bytes, offsets[signature.Number]);
        var token = await timeStampClient.GetTokenAsync(PdfSignaturePlaceholder.Digest(bytes, range, digest), digest, cancellationToken);
        if (!token.IsSuccess)
        {
            return SignatureResult<byte[]>.Failure(token.Error!);
        }

        return PdfSignaturePlaceholder.Fill(bytes, contentsOffset, hexLength, token.Value)
            ? SignatureResult<byte[]>.Success(bytes)
            : SignatureResult<byte[]>.Failure(SignatureErrors.PlaceholderTooSmall);
    }

    private static List<(BcCertificate Leaf, List<BcCertificate> Pool)> Signers(PdfSignatureInfo signature)
    {
        var result = new List<(BcCertificate Leaf, List<BcCertificate> Pool)>();
        try
        {
            var cms = new CmsSignedData(signature.Contents);
            var certs = cms.GetCertificates("Collection").GetMatches(null).Cast<BcCertificate>().ToList();
            foreach (SignerInformation signer in cms.GetSignerInfos().GetSigners())
            {
                if (certs.FirstOrDefault(c => signer.SignerID.Match(c)) is { } leaf)
                {
                    result.Add((leaf, certs));
                }

                var token = signer.UnsignedAttributes?[Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.IdAASignatureTimeStampToken];
                if (token is not null)
                {
                    var tst = new CmsSignedData(token.AttrValues[0].ToAsn1Object().GetEncoded());
                    result.AddRange(Signers(signature with { Contents = tst.GetEncoded() }));
                }
            }
        }
        catch (CmsException)
        {
            // A signature we cannot parse contributes no validation data; the validator reports it.
        }

        return result;
    }
}
