using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Access;
using Mys.Signing.Application.Common;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Identity;

/// <summary>A password login as the form sent it.</summary>
public sealed record LoginAttempt(string Tckn, string Password, SessionClient Client);

/// <summary>A login that succeeded: the user and the session the cookie will name.</summary>
public sealed record StartedSession(MysUser User, Guid SessionId);

/// <summary>
/// Logs a person in with their T.C. kimlik no and password: throttled per address and per account
/// (<see cref="LoginThrottling"/>), one answer for every failure (<see cref="AccountMessages.LoginFailed"/>), a session row
/// on success, an audit row either way.
/// </summary>
public sealed class LogInWithPassword(
    MysDbContext db, UserManager<MysUser> users, LoginThrottling throttle, UserSessions sessions, IAuditIdentity audit,
    ILogger<LogInWithPassword> logger)
{
    public const string Method = "Password";

    // Hashed once: an unknown T.C. kimlik no costs the same hashing work as a known one.
    private static string? _unknownUserHash;

    public async Task<Outcome<StartedSession>> RunAsync(LoginAttempt attempt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var tckn = attempt.Tckn.Trim();
        var address = attempt.Client.AddressOrUnknown;
        var block = await throttle.BlockAsync(address, tckn, ct);
        if (block != LoginBlock.None)
        {
            logger.LogWarning("Login refused for {Tckn} from {Address}: throttled ({Block})", Mask(tckn), address, block);
            await RecordAsync("LoginThrottled", Mask(tckn), new { block = block.ToString() }, ct);
            return block == LoginBlock.Address ? AccountMessages.AddressThrottled : AccountMessages.LoginFailed;
        }

        var user = tckn.Length == 11 ? await db.Users.SingleOrDefaultAsync(u => u.UserName == tckn, ct) : null;
        var passwordOk = user is null ? SpendUnknownUserWork(attempt.Password) : await users.CheckPasswordAsync(user, attempt.Password);
        if (user is null || !passwordOk || !user.IsActive)
        {
            var reason = user is null ? "unknown user" : !passwordOk ? "wrong password" : "deactivated";
            logger.LogWarning("Login refused for {Tckn} from {Address}: {Reason}", Mask(tckn), address, reason);
            await throttle.RecordFailureAsync(address, tckn, ct);
            await RecordAsync("LoginFailed", user?.Id.ToString("D") ?? Mask(tckn), new { reason }, ct);
            return AccountMessages.LoginFailed;
        }

        await throttle.ClearAccountAsync(address, tckn, ct);
        audit.ActFor(new Actor(user, []));
        var session = sessions.Start(user, attempt.Client, Method);
        db.RecordEvent("LoggedIn", "Login", user.Id.ToString("D"), AuditJson.Serialize(new { session = session.Id, method = Method, user.MustChangePassword }));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("User {UserId} logged in (session {SessionId})", user.Id, session.Id);
        return new StartedSession(user, session.Id);
    }

    /// <summary>Unknown T.C. kimlik numbers are logged half-masked: enough to trace, not a list of who tried.</summary>
    public static string Mask(string tckn) =>
        tckn.Length > 4 ? string.Concat(tckn.AsSpan(0, 3), new string('*', Math.Min(tckn.Length, 20) - 5), tckn.AsSpan(tckn.Length - 2)) : "***";

    private bool SpendUnknownUserWork(string password)
    {
        var hasher = users.PasswordHasher;
        var probe = MysUser.Create(Domain.Parties.Tckn.WithCheckDigits("100000000").Value, "-", "-", null, null).Value;
        _unknownUserHash ??= hasher.HashPassword(probe, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(probe, _unknownUserHash, password);
        return false;
    }

    private async Task RecordAsync(string action, string entityId, object details, CancellationToken ct)
    {
        db.RecordEvent(action, "Login", entityId, AuditJson.Serialize(details));
        await db.SaveChangesAsync(ct);
    }
}
