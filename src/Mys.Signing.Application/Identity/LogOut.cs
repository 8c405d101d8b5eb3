using Mys.Signing.Application.Access;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Identity;

/// <summary>Ends the session the request came with, so its cookie no longer works anywhere; audited.</summary>
public sealed class LogOut(MysDbContext db, TimeProvider clock, ILogger<LogOut> logger)
{
    public const string Reason = "LoggedOut";

    public async Task RunAsync(Actor actor, Guid? sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var session = sessionId is { } id ? await db.UserSessions.FindAsync([id], ct) : null;
        if (session is not null && session.UserId == actor.Id)
        {
            session.End(clock.GetUtcNow(), Reason);
        }

        db.RecordEvent("LoggedOut", "Login", actor.Id.ToString("D"), AuditJson.Serialize(new { session = sessionId }));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("User {UserId} logged out (session {SessionId})", actor.Id, sessionId);
    }
}
