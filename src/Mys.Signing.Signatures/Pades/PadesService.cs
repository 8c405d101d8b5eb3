using System.Globalization;
using Mys.Signing.Signatures.Cms;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Tsp;

namespace Mys.Signing.Signatures.Pades;

/// <summary>
/// Two-phase PAdES (ETSI.CAdES.detached): <see cref="Prepare"/> appends the signature revision and returns the digest
/// the card signs; <see cref="CompleteAsync"/> checks the card's value, builds the CMS (with a signature time-stamp for
/// B-T and above) and patches /Contents. Every change is an incremental update; earlier signatures stay valid.
/// </summary>
public sealed class PadesService(ITimeStampClient? timeStampClient, TimeProvider time)
{
    public SignatureResult<PadesPrepared> Prepare(PadesPrepareRequest request)
    {
        var prepared = PrepareAppended(request);
        if (!prepared.IsSuccess)
        {
            return prepared;
        }

        var p = prepared.Value;
        var pdf = new byte[request.Pdf.Length + p.Pdf.Length];
        request.Pdf.CopyTo(pdf, 0);
        p.Pdf.CopyTo(pdf, request.Pdf.Length);
        return SignatureResult<PadesPrepared>.Success(p.WithWholePdf(pdf));
    }

    /// <summary>
    /// As <see cref="Prepare"/>, but the result's <see cref="PadesPrepared.Pdf"/> holds only the bytes appended to
    /// <see cref="PadesPrepareRequest.Pdf"/> (<see cref="PadesPrepared.AppendedAt"/> is its length), hashed in place: for
    /// a caller that keeps the original (a store) and needs the whole file only to complete. Complete the result with
    /// the whole file (<see cref="PadesPrepared.WithWholePdf"/>).
    /// </summary>
    public SignatureResult<PadesPrepared> PrepareAppended(PadesPrepareRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        PdfFile file;
        try
        {
            file = PdfFile.Load(request.Pdf);
        }
        catch (FormatException)
        {
            return SignatureResult<PadesPrepared>.Failure(SignatureErrors.MalformedPdf);
        }

        if (file.IsEncrypted)
        {
            // The incremental writer cannot encrypt the objects it adds.
            return SignatureResult<PadesPrepared>.Failure(SignatureErrors.MalformedPdf);
        }

        var field = PdfAcroForm.Find(file, request.FieldName);
        if ((field is null && !request.CreateFieldIfMissing) || (field is not null && !field.IsSignature))
        {
            return SignatureResult<PadesPrepared>.Failure(SignatureErrors.FieldNotFound);
        }

        if (field?.Dictionary["V"] is not null)
        {
            return SignatureResult<PadesPrepared>.Failure(SignatureErrors.FieldAlreadySigned);
        }

        var now = time.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var update = new PdfIncrementalUpdate(file);
        var signature = update.Add(PdfSignaturePlaceholder.Dictionary("Sig", "ETSI.CAdES.detached", now, request.SignerName, request.Reason,
            request.Location, request.ContentsSize));
        var lines = new[] { PadesAppearance.Legend, request.SignerName ?? string.Empty, request.AppearanceTime?.Invoke(now)
            ?? now.UtcDateTime.ToString("dd.MM.yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture) };
        if (field is null)
        {
            var widget = new PdfDictionary();
            widget["T"] = PdfString.FromText(request.FieldName);
            widget["F"] = new PdfNumber(request.NewFieldRect.Count == 4 ? 4 : 132);
            widget["Rect"] = new PdfArray((request.NewFieldRect.Count == 4 ? request.NewFieldRect : [0, 0, 0, 0])
                .Select(v => new PdfNumber(v.ToString("0.##", CultureInfo.InvariantCulture))));
            widget["V"] = signature;
            widget["P"] = PdfSignatureFieldWriter.Page(file, request.NewFieldPage);
            var ap = new PdfDictionary();
            ap["N"] = update.Add(PadesAppearance.Create(file, widget, lines.Where(l => l.Length > 0)));
            widget["AP"] = ap;
            PdfSignatureFieldWriter.Add(file, update, widget, request.NewFieldPage);
        }
        else
        {
            var appearance = update.Add(PadesAppearance.Create(file, field.Dictionary, lines.Where(l => l.Length > 0)));
            var newField = field.Dictionary.Clone();
            newField["V"] = signature;
            var ap = new PdfDictionary();
            ap["N"] = appearance;
            newField["AP"] = ap;
            update.Replace(field.Number, newField);
        }

        var (appended, offsets) = update.BuildAppended();
        var (contentsOffset, hexLength, range) = PdfSignaturePlaceholder.Patch(appended, request.Pdf.Length, offsets[signature.Number]);
        var documentDigest = PdfSignaturePlaceholder.Digest(request.Pdf, appended, range, request.Digest);
        var signedAttributes = CmsAttributes.BuildSignedAttributes(documentDigest, request.Digest, request.SignerCertificate, signingTime: null);
        return SignatureResult<PadesPrepared>.Success(new PadesPrepared
        {
            FieldName = request.FieldName,
            Pdf = appended,
            AppendedAt = request.Pdf.Length,
            ContentsOffset = contentsOffset,
            ContentsHexLength = hexLength,
            SignedAttributes = signedAttributes,
            DataToSign = request.Digest.Hash(signedAttributes),
            DocumentDigest = documentDigest,
            Digest = request.Digest,
            Level = request.Level,
            SignerCertificate = request.SignerCertificate,
            Chain = request.Chain,
            SigningTime = now,
        });
    }

    /// <summary>Prepares several documents for one signer, so one PIN entry signs them all.</summary>
    public IReadOnlyList<SignatureResult<PadesPrepared>> PrepareBatch(IEnumerable<PadesPrepareRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return requests.Select(Prepare).ToList();
    }

    public Task<SignatureResult<PadesCompleted>> CompleteAsync(PadesPrepared prepared, byte[] signatureValue, CancellationToken cancellationToken = default) =>
        CompleteAsync(prepared, signatureValue, inPlace: false, cancellationToken);

    /// <summary>
    /// As <see cref="CompleteAsync(PadesPrepared, byte[], CancellationToken)"/>, but writes the CMS into
    /// <paramref name="prepared"/>'s own PDF instead of a copy: for a caller that built the prepared state for this one
    /// completion and does not use it again (a signed ÖEB is 90–120 KB, so each copy is a large-object-heap array).
    /// </summary>
    public Task<SignatureResult<PadesCompleted>> CompleteInPlaceAsync(PadesPrepared prepared, byte[] signatureValue, CancellationToken cancellationToken = default) =>
        CompleteAsync(prepared, signatureValue, inPlace: true, cancellationToken);

    private async Task<SignatureResult<PadesCompleted>> CompleteAsync(PadesPrepared prepared, byte[] signatureValue, bool inPlace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(signatureValue);
        if (prepared.AppendedAt != 0)
        {
            throw new ArgumentException("The prepared state holds only the appended bytes; complete it with the whole file (WithWholePdf).", nameof(prepared));
        }

        var cms = await CmsCompletion.BuildAsync(prepared.SignedAttributes, prepared.DataToSign, signatureValue, prepared.SignerCertificate,
            prepared.Chain, prepared.Digest, prepared.Level, timeStampClient, cancellationToken);
        if (!cms.IsSuccess)
        {
            return SignatureResult<PadesCompleted>.Failure(cms.Error!);
        }

        var pdf = inPlace ? prepared.Pdf : (byte[])prepared.Pdf.Clone();
        if (!PdfSignaturePlaceholder.Fill(pdf, prepared.ContentsOffset, prepared.ContentsHexLength, cms.Value.Cms))
        {
            return SignatureResult<PadesCompleted>.Failure(SignatureErrors.PlaceholderTooSmall);
        }

        return SignatureResult<PadesCompleted>.Success(new PadesCompleted(pdf, cms.Value.Cms, cms.Value.TimeStampTime));
    }
}
