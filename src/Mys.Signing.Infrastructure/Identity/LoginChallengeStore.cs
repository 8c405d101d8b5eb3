using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Infrastructure.Identity;

/// <summary>
/// Issues and consumes e-signature login challenges (PostgreSQL, so any app instance can verify the answer). Takes the
/// application's context as a plain <see cref="DbContext"/>: the context's own type lives in Persistence, which maps
/// this folder's <see cref="MysUser"/>, so naming it here would make the two folders use each other.
/// </summary>
public sealed class LoginChallengeStore(DbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(120);

    /// <summary>Domain separation: a login signature can never be mistaken for a document signature or another site's login.</summary>
    public const string DomainTag = "MYS-LOGIN-v1";

    public async Task<(LoginChallenge Challenge, string Nonce)> IssueAsync(string origin, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        var nonce = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var challenge = new LoginChallenge
        {
            Id = Guid.NewGuid(),
            NonceSha256 = Sha256Hex(nonce),
            Origin = origin,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.Set<LoginChallenge>().Add(challenge);
        await db.SaveChangesAsync(cancellationToken);
        return (challenge, nonce);
    }

    /// <summary>Marks the challenge used if it exists, was issued to this origin, is unexpired and unused. Every attempt burns it.</summary>
    public async Task<Result> ConsumeAsync(string nonce, string origin, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(nonce) || nonce.Length > 100)
        {
            return Result.Failure("CHALLENGE_UNKNOWN", "Giriş isteği bulunamadı. Sayfayı yenileyip yeniden deneyin.");
        }

        var now = clock.GetUtcNow();
        var hash = Sha256Hex(nonce);
        var claimed = await db.Set<LoginChallenge>()
            .Where(c => c.NonceSha256 == hash && c.UsedAt == null && c.ExpiresAt > now && c.Origin == origin)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (claimed == 1)
        {
            return Result.Success();
        }

        var challenge = await db.Set<LoginChallenge>().AsNoTracking().SingleOrDefaultAsync(c => c.NonceSha256 == hash, cancellationToken);
        if (challenge is not null && challenge.UsedAt is null && challenge.Origin != origin)
        {
            // A relayed challenge is burnt too, so the legitimate page cannot be raced with it.
            await db.Set<LoginChallenge>().Where(c => c.Id == challenge.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.UsedAt, now), cancellationToken);
        }

        return challenge switch
        {
            null => Result.Failure("CHALLENGE_UNKNOWN", "Giriş isteği bulunamadı. Sayfayı yenileyip yeniden deneyin."),
            { UsedAt: not null } => Result.Failure("CHALLENGE_USED", "Bu giriş isteği zaten kullanıldı. Sayfayı yenileyip yeniden deneyin."),
            _ when challenge.Origin != origin => Result.Failure("CHALLENGE_WRONG_ORIGIN", "Giriş isteği başka bir adres için verilmiş."),
            _ => Result.Failure("CHALLENGE_EXPIRED", "Giriş isteğinin süresi doldu. Sayfayı yenileyip yeniden deneyin."),
        };
    }

    /// <summary>SHA-256("MYS-LOGIN-v1\n" + origin + "\n" + nonce): the digest the card signs.</summary>
    public static byte[] ChallengeDigest(string origin, string nonce) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(DomainTag + "\n" + origin + "\n" + nonce));

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
