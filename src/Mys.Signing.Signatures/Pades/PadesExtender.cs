using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.Signatures.Validation;

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

        var collector = new ValidationDataCollector(trustAnchors, revocationClient);
        foreach (var signature in PdfSignatureInfo.Read(file))
        {
            if (!await collector.AddAsync(signature.Contents, cancellationToken))
            {
                return SignatureResult<byte[]>.Failure("REVOCATION_UNAVAILABLE", "İptal bilgisi (OCSP/SİL) alınamadı; uzun süreli doğrulama verisi eklenemedi.");
            }
        }

        var content = new DssContent(collector.Certificates, collector.OcspResponses, collector.Crls);
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
}
