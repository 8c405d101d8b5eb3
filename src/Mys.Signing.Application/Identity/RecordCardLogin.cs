using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Identity;

/// <summary>
/// A user logs in with their e-signature card (the card's answer is checked by <c>CardLoginService</c>): a refused
/// attempt goes into the audit trail, an accepted one starts a session and records it.
/// </summary>
public sealed class RecordCardLogin(MysDbContext db, UserSessions sessions)
{
    public async Task RefusedAsync(string reasonCode, CancellationToken ct)
    {
        db.RecordEvent("CardLoginRefused", "Login", "e-imza", "{\"reason\":\"" + reasonCode + "\"}");
        await db.SaveChangesAsync(ct);
    }

    public async Task<UserSession> StartSessionAsync(MysUser user, SessionClient client, string method, CancellationToken ct)
    {
        var session = sessions.Start(user, client, method);
        db.RecordEvent("LoggedInWithCard", "Login", user.Id.ToString("D"), "{\"session\":\"" + session.Id.ToString("D") + "\"}");
        await db.SaveChangesAsync(ct);
        return session;
    }
}
