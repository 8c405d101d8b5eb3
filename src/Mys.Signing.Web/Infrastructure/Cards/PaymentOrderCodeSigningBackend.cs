using System.Security.Claims;
using Mys.Signing.Domain.Common;
using Mys.Signing.Web.Infrastructure.Authorization;
using Mys.Signing.Web.Signing;

namespace Mys.Signing.Web.Infrastructure.Cards;

/// <summary>
/// The code flow's prepare and complete are the signing API's (<see cref="PaymentOrderSigningService"/>), run as the
/// code's owner: the code authenticated the request, so the agent's anonymous request acts as that user (role and unit
/// checks, certificate checks and the audit trail are the same as for the browser flow).
/// </summary>
public sealed class PaymentOrderCodeSigningBackend(PaymentOrderSigningService signing, CurrentUser current, IHttpContextAccessor http) : ICodeSigningBackend
{
    public async Task<Result<PreparedCodeJob>> PrepareAsync(Guid userId, byte[] certificateDer, string purpose, IReadOnlyList<Guid> targets, CancellationToken cancellationToken)
    {
        if (purpose != PaymentOrderSigningService.Purpose)
        {
            return Result<PreparedCodeJob>.Failure("CODE_BAD_PURPOSE", "Bu belge türü kodla imzalanamıyor.");
        }

        await ActAsAsync(userId, cancellationToken);
        if (!signing.MaySign)
        {
            return Result<PreparedCodeJob>.Failure("FORBIDDEN", "İmza yetkiniz yok.");
        }

        var outcome = await signing.PrepareAsync(new PrepareRequest(Convert.ToBase64String(certificateDer), targets), cancellationToken);
        if (outcome.Problem is { } problem)
        {
            return Result<PreparedCodeJob>.Failure(problem.Code, problem.Detail);
        }

        var prepared = outcome.Value!;
        return Result<PreparedCodeJob>.Success(new PreparedCodeJob(
            prepared.SessionId,
            prepared.DigestAlgorithm,
            [.. prepared.Items.Select(i => Convert.FromBase64String(i.Digest))],
            [.. prepared.Items.Select(i => $"ÖEB {i.DocumentNumber} — {i.PayeeName} — {i.NetAmountText}")]));
    }

    public async Task<Result<int>> CompleteAsync(Guid userId, Guid sessionId, byte[] certificateDer, IReadOnlyList<byte[]> signatures, CancellationToken cancellationToken)
    {
        await ActAsAsync(userId, cancellationToken);
        var outcome = await signing.CompleteAsync(
            new CompleteRequest(sessionId, Convert.ToBase64String(certificateDer), [.. signatures.Select(Convert.ToBase64String)]), cancellationToken);
        if (outcome.Problem is { } problem)
        {
            return Result<int>.Failure(problem.Code, problem.Detail);
        }

        var items = outcome.Value!.Items;
        var failed = items.FirstOrDefault(i => !i.Ok);
        return items.Any(i => i.Ok) || failed is null
            ? Result<int>.Success(items.Count(i => i.Ok))
            : Result<int>.Failure(failed.Code ?? "SIGNING_FAILED", failed.Message ?? "İmzalama tamamlanamadı.");
    }

    private async Task ActAsAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (http.HttpContext is { } context && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString("D"))], "signing-code"));
        }

        await current.LoadAsync(cancellationToken);
        if (current.User?.Id != userId)
        {
            throw new InvalidOperationException("The code flow must run as the code's owner.");
        }
    }
}
