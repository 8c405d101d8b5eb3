using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Access;
using Mys.Signing.Application.Common;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Identity;

/// <summary>One of the user's open sessions as the profile page lists it.</summary>
public sealed record SessionView(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? Address, string? UserAgent, string Method, bool IsCurrent);

/// <summary>The user's own open sessions, newest first (the one this request came with marked).</summary>
public sealed class ListOwnSessions(UserSessions sessions)
{
    public async Task<IReadOnlyList<SessionView>> RunAsync(Actor actor, Guid? currentSessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var open = await sessions.OpenOf(actor.Id).AsNoTracking().OrderByDescending(s => s.CreatedAt).ToListAsync(ct);
        return [.. open.Select(s => new SessionView(s.Id, s.CreatedAt, s.LastSeenAt, s.Address, s.UserAgent, s.Method, s.Id == currentSessionId))];
    }
}

/// <summary>The user ends one of their own sessions (a forgotten computer, a lost phone); its cookie stops working at once.</summary>
public sealed class EndOwnSession(MysDbContext db, UserSessions sessions, TimeProvider clock, ILogger<EndOwnSession> logger)
{
    public const string Reason = "EndedByUser";

    public async Task<Refusal?> RunAsync(Actor actor, Guid sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var session = await sessions.OpenOf(actor.Id).SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            logger.LogInformation("User {UserId} tried to end session {SessionId}: not an open session of theirs", actor.Id, sessionId);
            return AccountMessages.SessionNotFound;
        }

        session.End(clock.GetUtcNow(), Reason);
        db.RecordEvent("SessionEnded", "UserSession", session.Id.ToString("D"), AuditJson.Serialize(new { reason = Reason }));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("User {UserId} ended their session {SessionId}", actor.Id, sessionId);
        return null;
    }
}
