using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Access;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Signatures.Diagnostics;

namespace Mys.Signing.Application.Signing;

/// <summary>
/// Second phase of signing: the session is claimed once; then every prepared ÖEB is completed (the signature value
/// verified against the certificate before it is embedded, time-stamped (B-T), validated and stored; several at once)
/// and committed (<see cref="SignatureCommit"/>): one failing ÖEB leaves the others signed and itself as it was.
/// The accounting officer's step signs and accepts at once: the verification report must hold again before the
/// signature is appended, the signed revision is raised to B-LT and the acceptance is saved with the document.
/// </summary>
public sealed class CompleteSignatures(
    MysDbContext db,
    SigningSessionStore sessions,
    SigningComponents signing,
    SignatureAssembly assembly,
    SignatureCommit commit,
    VerificationReportGate reportGate,
    ILogger<CompleteSignatures> logger)
{
    public const string TimeStampUnavailableMessage =
        "Zaman damgası sunucusuna şu anda ulaşılamıyor. Bu ÖEB imzalanmadı ve olduğu gibi duruyor; önceki imzalar korunuyor. Birkaç dakika sonra yeniden imzalayın.";

    public async Task<Outcome<CompleteResponse>> RunAsync(Actor actor, CompleteRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var certificate = CertificateCheck.Decode(request.Certificate);
        if (certificate is null)
        {
            return CertificateCheck.Malformed();
        }

        // The count is checked (before the session is used up) against the small list of targets; the prepared state
        // (up to a few hundred KB for a batch) is read once, with the claim.
        var session = await db.SigningSessions.AsNoTracking()
            .Where(s => s.Id == request.SessionId && s.UserId == actor.Id && s.Purpose == PrepareSignatures.Purpose)
            .Select(s => new { s.Id, s.Targets })
            .SingleOrDefaultAsync(ct);
        if (session is null)
        {
            return new Refusal(RefusalKind.NotFound, "SESSION_NOT_FOUND", "İmza oturumu bulunamadı. İmzalamayı yeniden başlatın.");
        }

        var prepared = JsonSerializer.Deserialize<List<Guid>>(session.Targets)?.Count ?? 0;
        var signatures = request.Signatures ?? [];
        if (signatures.Count != prepared)
        {
            return new Refusal(RefusalKind.Unprocessable, "SIGNATURE_COUNT",
                $"Hazırlanan {prepared} belge için {signatures.Count} imza değeri geldi; her belge için sırasıyla bir imza gönderilmelidir.");
        }

        var claim = await sessions.ClaimAsync(request.SessionId, actor.Id, certificate, ct);
        if (!claim.IsSuccess)
        {
            logger.LogWarning("Complete refused for user {UserId}, session {SessionId}: {Code}", actor.Id, request.SessionId, claim.Error!.Code);
            return SessionRefusal(claim.Error!);
        }

        var items = SigningSessionFormat.Read(claim.Value.PreparedState);
        if (items is null)
        {
            // Prepared by an earlier version (its state in another format): it can only be prepared again.
            logger.LogWarning("Complete refused for user {UserId}, session {SessionId}: prepared state in an earlier format", actor.Id, request.SessionId);
            return new Refusal(RefusalKind.Expired, "SESSION_EXPIRED", SigningSessionStore.ExpiredMessage);
        }

        if (items.Count != prepared)
        {
            throw new InvalidOperationException($"Signing session {session.Id} lists {prepared} targets but holds {items.Count} prepared ÖEBs.");
        }

        await db.SaveChangesAsync(ct); // the claim's audit event
        var ids = items.Select(i => i.PaymentOrderId).ToList();
        var revisions = await db.SignedPaymentOrderDocuments.AsNoTracking().Where(d => ids.Contains(d.PaymentOrderId))
            .ToDictionaryAsync(d => d.PaymentOrderId, d => d.CurrentSha256, ct);
        // Verifying, time-stamping, validating and storing need no DbContext: several at once (CPU work and the TSA's round
        // trips overlap); an ÖEB already moved on is skipped.
        var refusedEarly = await AcceptanceChecksAsync(items, revisions, ct);
        var signed = new SignOutcome[items.Count];
        var durations = new TimeSpan[items.Count];
        var concurrency = Math.Max(Environment.ProcessorCount, signing.Settings.CompletionConcurrency);
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
            async (i, token) =>
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                signed[i] = refusedEarly[i] ?? (revisions.GetValueOrDefault(items[i].PaymentOrderId) == items[i].BaseSha256
                    ? await assembly.SignAsync(items[i], signatures[i], token)
                    : SignOutcome.Changed);
                durations[i] = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            });
        var results = await commit.CommitAsync(actor, items, signed, ct);
        for (var i = 0; i < items.Count; i++)
        {
            SigningMetrics.SignatureCompleted(items[i].Role.ToString(), "oeb", results[i].Ok ? "signed" : results[i].Code ?? "failed", durations[i]);
        }

        logger.LogInformation("Signing session {SessionId} completed: {Ok}/{Count} signed", session.Id, results.Count(r => r.Ok), results.Count);
        return new CompleteResponse(session.Id, results);
    }

    // The accounting officer's ÖEBs: the verification report must hold again before anything is appended.
    private async Task<SignOutcome?[]> AcceptanceChecksAsync(List<StoredItemState> items, Dictionary<Guid, string> revisions, CancellationToken ct)
    {
        var outcomes = new SignOutcome?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.Role != Role.AccountingOfficer || revisions.GetValueOrDefault(item.PaymentOrderId) != item.BaseSha256)
            {
                continue;
            }

            var order = await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == item.PaymentOrderId, ct);
            var document = await db.SignedPaymentOrderDocuments.AsNoTracking().SingleAsync(d => d.PaymentOrderId == item.PaymentOrderId, ct);
            if (await reportGate.RefusalAsync(order, document, "complete", ct) is { } refusal)
            {
                outcomes[i] = SignOutcome.Failed(refusal.Code, refusal.Message);
            }
        }

        return outcomes;
    }

    private static Refusal SessionRefusal(DomainError error) => error.Code switch
    {
        "SESSION_USED" => new(RefusalKind.Conflict, error.Code, error.Message),
        "SESSION_EXPIRED" => new(RefusalKind.Expired, error.Code, error.Message),
        "SESSION_CERT_MISMATCH" => new(RefusalKind.Unprocessable, error.Code, error.Message),
        _ => new(RefusalKind.NotFound, error.Code, error.Message),
    };
}
