using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Identity;

/// <summary>Where a request comes from, as the front end saw it.</summary>
public sealed record SessionClient(string? Address, string? UserAgent)
{
    public string AddressOrUnknown => string.IsNullOrEmpty(Address) ? "unknown" : Clip(Address, UserSession.AddressMaxLength)!;

    internal static string? Clip(string? text, int max) => text is null ? null : text.Length <= max ? text : text[..max];
}

/// <summary>An open session's user and their active role assignments, as read by <see cref="UserSessions.OpenAsync"/>.</summary>
public sealed record OpenSession(MysUser User, IReadOnlyList<RoleAssignment> Assignments);

/// <summary>
/// The server-side sessions behind the login cookie: started at login, checked on every request (any app instance),
/// ended at logout, by the user, and whenever the account's password changes or the account is deactivated.
/// </summary>
public sealed class UserSessions(MysDbContext db, TimeProvider clock)
{
    /// <summary>A session unused this long is over (the cookie's sliding lifetime is the same).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(8);

    // Last-seen is written at most this often per session: one small update a minute, not one per request.
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>Adds the session row; the caller's save writes it (with its audit row).</summary>
    public UserSession Start(MysUser user, SessionClient client, string method)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(client);
        var now = clock.GetUtcNow();
        var session = new UserSession
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            CreatedAt = now,
            LastSeenAt = now,
            Address = SessionClient.Clip(client.Address, UserSession.AddressMaxLength),
            UserAgent = SessionClient.Clip(client.UserAgent, UserSession.UserAgentMaxLength),
            Method = method,
        };
        db.UserSessions.Add(session);
        return session;
    }

    /// <summary>True when the session is open, unexpired, the user's, and the user active; records that it was seen.</summary>
    public async Task<bool> IsOpenAsync(Guid userId, Guid sessionId, CancellationToken ct) =>
        await OpenAsync(userId, sessionId, ct) is not null;

    /// <summary>
    /// The user and their active role assignments when the session is open, unexpired, the user's and the user active
    /// (else null), read in one round trip — the check every signed-in request makes, so a revoked role, a
    /// deactivation or an ended session takes effect on the next request on every app instance; records that it was seen.
    /// </summary>
    public async Task<OpenSession?> OpenAsync(Guid userId, Guid sessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var idleSince = now - IdleTimeout;
        var open = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null && s.LastSeenAt > idleSince)
            .Join(db.Users.Where(u => u.IsActive), s => s.UserId, u => u.Id, (s, u) => new
            {
                s.LastSeenAt,
                User = u,
                Assignments = db.RoleAssignments.Where(a => a.UserId == u.Id && a.RevokedAt == null).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (open is null)
        {
            return null;
        }

        if (open.LastSeenAt < now - TouchInterval)
        {
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
        }

        return new OpenSession(open.User, open.Assignments);
    }

    public IQueryable<UserSession> OpenOf(Guid userId)
    {
        var idleSince = clock.GetUtcNow() - IdleTimeout;
        return db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.LastSeenAt > idleSince);
    }

    /// <summary>Ends every open session of the user but <paramref name="except"/>; returns how many ended.</summary>
    public Task<int> EndAllAsync(Guid userId, string reason, Guid? except, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.UserSessions
            .Where(s => s.UserId == userId && s.EndedAt == null && (except == null || s.Id != except))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), ct);
    }
}
