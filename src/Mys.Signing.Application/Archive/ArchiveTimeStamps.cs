using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Archive;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Cms;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Pdf;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Tsp;

namespace Mys.Signing.Application.Archive;

/// <summary>What one run of the archive job did.</summary>
public sealed record ArchiveRunResult(int Examined, int Stamped, int Failed);

/// <summary>
/// Keeps accepted ÖEBs verifiable for the whole retention period: a long-term (B-LT) or archived document whose newest
/// time-stamp's TSA certificate expires within <see cref="RetentionOptions.TimeStampRenewalMargin"/> gets fresh
/// validation data and a document time-stamp (B-LTA), stored as a new revision. Each document is handled in its own
/// transaction under a row lock taken with SKIP LOCKED, so several instances can run at once; a document whose newest
/// time-stamp was already made inside the renewal window is not due, so a second run does nothing.
/// </summary>
public sealed class ArchiveTimeStamps(
    MysDbContext db,
    IAttachmentStore store,
    PadesExtender extender,
    IReadOnlyList<byte[]> trustAnchors,
    RetentionOptions options,
    ILogger<ArchiveTimeStamps> logger)
{
    private const long MaxDocumentBytes = 512L * 1024 * 1024;

    public async Task<ArchiveRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = await db.SignedPaymentOrderDocuments.AsNoTracking()
            .Where(d => d.Stage == SignedDocumentStage.LongTerm || d.Stage == SignedDocumentStage.Archived)
            .OrderBy(d => d.UpdatedAt)
            .Select(d => d.PaymentOrderId)
            .ToListAsync(cancellationToken);
        int stamped = 0, failed = 0;
        foreach (var id in candidates)
        {
            switch (await ProcessAsync(id, now, cancellationToken))
            {
                case true: stamped++; break;
                case false: failed++; break;
                default: break;
            }
        }

        logger.LogInformation("Archive time-stamp run at {Now}: {Examined} long-term documents, {Stamped} stamped, {Failed} failed", now, candidates.Count, stamped, failed);
        return new ArchiveRunResult(candidates.Count, stamped, failed);
    }

    /// <returns>true when stamped, false when it failed, null when not due (or another instance holds it).</returns>
    private async Task<bool?> ProcessAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var document = (await db.SignedPaymentOrderDocuments
            .FromSql($"""SELECT *, xmin FROM "SignedPaymentOrderDocuments" WHERE "PaymentOrderId" = {id} AND "Stage" IN ('LongTerm', 'Archived') FOR UPDATE SKIP LOCKED""")
            .ToListAsync(cancellationToken)).SingleOrDefault();
        if (document is null)
        {
            return null;
        }

        var pdf = await ReadAsync(document.CurrentSha256, cancellationToken);
        var newest = pdf is null ? null : NewestTimeStamp(pdf);
        if (pdf is null || newest is null)
        {
            logger.LogError("Archive: document of payment order {Id} ({Sha256}) is missing or has no time-stamp", id, document.CurrentSha256);
            return false;
        }

        var renewFrom = newest.Value.CertificateExpiry - options.TimeStampRenewalMargin;
        if (now < renewFrom || newest.Value.Time >= renewFrom)
        {
            return null;
        }

        var extended = await extender.AddValidationDataAsync(pdf, trustAnchors, cancellationToken);
        var stamped = extended.IsSuccess ? await extender.AddDocumentTimeStampAsync(extended.Value, cancellationToken: cancellationToken) : extended;
        if (!stamped.IsSuccess)
        {
            logger.LogWarning("Archive: payment order {Id} could not be time-stamped: {Error}", id, stamped.Error);
            return false;
        }

        var saved = await store.SaveAsync(new MemoryStream(stamped.Value, writable: false), ContentKind.Pdf, MaxDocumentBytes, cancellationToken);
        if (!saved.IsSuccess)
        {
            logger.LogError("Archive: the time-stamped revision of payment order {Id} was refused by the store: {Code}", id, saved.Error?.Code);
            return false;
        }

        var previous = document.CurrentSha256;
        document.Archive(saved.Value.Sha256, now);
        db.RecordEvent("ArchiveTimeStampAdded", nameof(SignedPaymentOrderDocument), id.ToString(),
            JsonSerializer.Serialize(new { previous, current = saved.Value.Sha256, expiringCertificate = newest.Value.CertificateExpiry }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Archive: payment order {Id} time-stamped (B-LTA), revision {Sha256}", id, saved.Value.Sha256);
        return true;
    }

    private async Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(sha256.Trim(), cancellationToken);
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>The newest time-stamp in the document (a document time-stamp, else a signature time-stamp): its time and its TSA certificate's expiry.</summary>
    internal static (DateTimeOffset Time, DateTimeOffset CertificateExpiry)? NewestTimeStamp(byte[] pdf)
    {
        (DateTimeOffset Time, DateTimeOffset CertificateExpiry)? newest = null;
        foreach (var signature in PdfSignatureInfo.Read(PdfFile.Load(pdf)))
        {
            foreach (var token in Tokens(signature))
            {
                var certificate = token.GetCertificates().EnumerateMatches(token.SignerID).FirstOrDefault();
                if (certificate is null)
                {
                    continue;
                }

                var time = new DateTimeOffset(token.TimeStampInfo.GenTime, TimeSpan.Zero);
                if (newest is null || time > newest.Value.Time)
                {
                    newest = (time, new DateTimeOffset(certificate.NotAfter, TimeSpan.Zero));
                }
            }
        }

        return newest;
    }

    private static List<TimeStampToken> Tokens(PdfSignatureInfo signature)
    {
        var tokens = new List<TimeStampToken>();
        try
        {
            var cms = SignedDataReader.Read(signature.Contents);
            if (signature.IsDocumentTimeStamp)
            {
                tokens.Add(new TimeStampToken(cms));
                return tokens;
            }

            foreach (SignerInformation signer in cms.GetSignerInfos().GetSigners())
            {
                if (signer.UnsignedAttributes?[Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.IdAASignatureTimeStampToken] is { } attribute)
                {
                    tokens.Add(new TimeStampToken(new CmsSignedData(attribute.AttrValues[0].ToAsn1Object().GetEncoded())));
                }
            }
        }
        catch (Exception ex) when (ex is CmsException or TspException or IOException or ArgumentException)
        {
            // An unreadable signature has no usable time-stamp; the validator reports it.
        }

        return tokens;
    }
}
