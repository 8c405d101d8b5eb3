using Microsoft.EntityFrameworkCore;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Identity;

/// <summary>What blocks a password login now.</summary>
public enum LoginBlock
{
    None,

    /// <summary>The address tried too many times (any accounts): said plainly, it names no account.</summary>
    Address,

    /// <summary>The account (from this address, or from everywhere with back-off): answered like a wrong password.</summary>
    Account,
}

/// <summary>
/// Password-login throttling in PostgreSQL (all app instances count together), three keys per attempt:
/// <list type="bullet">
/// <item>the address: <see cref="AddressLimit"/> failures in <see cref="Window"/> block it for <see cref="BlockDuration"/>;</item>
/// <item>the account from that address: <see cref="PairLimit"/> failures block only that pair, so guessing from one
/// place never locks the real person out from another;</item>
/// <item>the account from everywhere: from <see cref="AccountBackOffFrom"/> failures on, each failure blocks the
/// account for 2^(n−threshold) seconds, at most <see cref="AccountBackOffCap"/> — slowing a guess spread over many
/// addresses without letting anyone lock a known T.C. kimlik no for long.</item>
/// </list>
/// Unknown T.C. kimlik numbers count exactly like known ones. A success clears the account's keys, never the address's.
/// See docs/security.md.
/// </summary>
public sealed class LoginThrottling(MysDbContext db, TimeProvider clock)
{
    public const int AddressLimit = 20;

    public const int PairLimit = 5;

    public const int AccountBackOffFrom = 10;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan BlockDuration = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan AccountBackOffCap = TimeSpan.FromSeconds(60);

    public static (string Address, string Pair, string Account) Keys(string address, string tckn)
    {
        var account = tckn.Length == 11 && tckn.All(char.IsAsciiDigit) ? tckn : "?";
        return ("addr:" + address, "acct:" + account + "@" + address, "acct:" + account);
    }

    public async Task<LoginBlock> BlockAsync(string address, string tckn, CancellationToken ct)
    {
        var (addressKey, pair, account) = Keys(address, tckn);
        var now = clock.GetUtcNow();
        var blocked = await db.LoginThrottles.AsNoTracking()
            .Where(t => (t.Key == addressKey || t.Key == pair || t.Key == account) && t.BlockedUntil != null && t.BlockedUntil > now)
            .Select(t => t.Key)
            .ToListAsync(ct);
        return blocked.Contains(addressKey) ? LoginBlock.Address : blocked.Count > 0 ? LoginBlock.Account : LoginBlock.None;
    }

    public async Task RecordFailureAsync(string address, string tckn, CancellationToken ct)
    {
        var (addressKey, pair, account) = Keys(address, tckn);
        var now = clock.GetUtcNow();
        var addressFailures = await CountAsync(addressKey, now, ct);
        if (addressFailures >= AddressLimit)
        {
            await BlockUntilAsync(addressKey, now + BlockDuration, ct);
        }

        if (await CountAsync(pair, now, ct) >= PairLimit)
        {
            await BlockUntilAsync(pair, now + BlockDuration, ct);
        }

        var accountFailures = await CountAsync(account, now, ct);
        if (accountFailures >= AccountBackOffFrom)
        {
            var seconds = Math.Min(Math.Pow(2, Math.Min(accountFailures - AccountBackOffFrom, 16)), AccountBackOffCap.TotalSeconds);
            await BlockUntilAsync(account, now + TimeSpan.FromSeconds(seconds), ct);
        }
    }

    /// <summary>A successful login: the account's counters start over (the address's do not, so a login of one's own cannot reset a guessing run).</summary>
    public async Task ClearAccountAsync(string address, string tckn, CancellationToken ct)
    {
        var (_, pair, account) = Keys(address, tckn);
        await db.LoginThrottles.Where(t => t.Key == pair || t.Key == account).ExecuteDeleteAsync(ct);
    }

    // One atomic upsert: a new window when the last one is over, else one more failure in it.
    private async Task<int> CountAsync(string key, DateTimeOffset now, CancellationToken ct)
    {
        var windowOpenedAfter = now - Window;
        var failures = await db.Database.SqlQuery<int>($"""
            INSERT INTO "LoginThrottles" AS t ("Key", "WindowStart", "Failures", "BlockedUntil")
            VALUES ({key}, {now}, 1, NULL)
            ON CONFLICT ("Key") DO UPDATE SET
                "Failures" = CASE WHEN t."WindowStart" <= {windowOpenedAfter} THEN 1 ELSE t."Failures" + 1 END,
                "WindowStart" = CASE WHEN t."WindowStart" <= {windowOpenedAfter} THEN {now} ELSE t."WindowStart" END
            RETURNING t."Failures" AS "Value"
            """).ToListAsync(ct);
        return failures.Single();
    }

    private Task<int> BlockUntilAsync(string key, DateTimeOffset until, CancellationToken ct) =>
        db.LoginThrottles.Where(t => t.Key == key).ExecuteUpdateAsync(s => s.SetProperty(t => t.BlockedUntil, until), ct);
}
