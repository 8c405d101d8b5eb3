using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Signing.Codes;

/// <summary>
/// The code flow's prepare and complete are the signing API's (<see cref="PrepareSignatures"/>, <see cref="CompleteSignatures"/>),
/// run as the code's owner: the code authenticated the request, so the agent's anonymous request acts as that user (role
/// and unit checks, certificate checks and the audit trail are the same as for the browser flow).
/// </summary>
public sealed class PaymentOrderCodeSigningBackend(
    MysDbContext db, PrepareSignatures prepare, CompleteSignatures complete, IAuditIdentity audit) : ICodeSigningBackend
{
    public async Task<Result<PreparedCodeJob>> PrepareAsync(
        Guid userId, byte[] certificateDer, string purpose, IReadOnlyList<Guid> targets, string origin, CancellationToken cancellationToken)
    {
        if (purpose != PrepareSignatures.Purpose)
        {
            return Result<PreparedCodeJob>.Failure("CODE_BAD_PURPOSE", "Bu belge türü kodla imzalanamıyor.");
        }

        var actor = await ActAsAsync(userId, cancellationToken);
        if (!SigningAccess.MaySign(actor))
        {
            return Result<PreparedCodeJob>.Failure("FORBIDDEN", "İmza yetkiniz yok.");
        }

        var outcome = await prepare.RunAsync(actor, new PrepareRequest(Convert.ToBase64String(certificateDer), targets), origin, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            return Result<PreparedCodeJob>.Failure(refusal.Code, refusal.Message);
        }

        var prepared = outcome.Prepared!;
        return Result<PreparedCodeJob>.Success(new PreparedCodeJob(
            prepared.SessionId,
            prepared.DigestAlgorithm,
            [.. prepared.Items.Select(i => Convert.FromBase64String(i.Digest))],
            [.. prepared.Items.Select(i => $"ÖEB {i.DocumentNumber} — {i.PayeeName} — {i.NetAmountText}")]));
    }

    public async Task<Result<int>> CompleteAsync(Guid userId, Guid sessionId, byte[] certificateDer, IReadOnlyList<byte[]> signatures, CancellationToken cancellationToken)
    {
        var actor = await ActAsAsync(userId, cancellationToken);
        var outcome = await complete.RunAsync(actor,
            new CompleteRequest(sessionId, Convert.ToBase64String(certificateDer), [.. signatures.Select(Convert.ToBase64String)]), cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            return Result<int>.Failure(refusal.Code, refusal.Message);
        }

        var items = outcome.Value!.Items;
        var failed = items.FirstOrDefault(i => !i.Ok);
        return items.Any(i => i.Ok) || failed is null
            ? Result<int>.Success(items.Count(i => i.Ok))
            : Result<int>.Failure(failed.Code ?? "SIGNING_FAILED", failed.Message ?? "İmzalama tamamlanamadı.");
    }

    // The code's owner with their active role assignments, as a logged-in request would read them; the audit rows name them.
    private async Task<Actor> ActAsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        var assignments = await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == userId && a.RevokedAt == null).ToListAsync(cancellationToken);
        var actor = new Actor(user, assignments);
        audit.ActFor(actor);
        return actor;
    }
}
