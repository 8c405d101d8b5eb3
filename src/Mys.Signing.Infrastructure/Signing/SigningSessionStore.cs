using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Infrastructure.Signing;

/// <summary>Creates signing sessions and claims them exactly once.</summary>
public sealed class SigningSessionStore(MysDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(300);

    public const string ExpiredMessage = "İmza oturumunun süresi (5 dakika) doldu. İmzalamayı yeniden başlatın.";

    public async Task<SigningSession> CreateAsync(Guid userId, byte[] certificateDer, string purpose, string targetsJson, byte[] preparedState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateDer);
        ArgumentNullException.ThrowIfNull(preparedState);
        var now = clock.GetUtcNow();
        var session = new SigningSession
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            CertificateSha256 = Fingerprint(certificateDer),
            Purpose = purpose,
            Targets = targetsJson,
            PreparedState = preparedState,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.SigningSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>
    /// Marks the session completed and returns it, if it belongs to the user, was prepared for this certificate,
    /// has not expired and was not completed before. Run it inside the completion's transaction: if the
    /// completion fails and rolls back, the session can be completed again until it expires.
    /// </summary>
    public async Task<Result<SigningSession>> ClaimAsync(Guid sessionId, Guid userId, byte[] certificateDer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateDer);
        var now = clock.GetUtcNow();
        var fingerprint = Fingerprint(certificateDer);
        var claimed = await db.SigningSessions
            .Where(s => s.Id == sessionId && s.UserId == userId && s.CertificateSha256 == fingerprint && s.CompletedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CompletedAt, now), cancellationToken);
        var session = await db.SigningSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
        if (claimed == 1 && session is not null)
        {
            db.RecordEvent("SigningSessionCompleted", nameof(SigningSession), sessionId.ToString("D"));
            return Result<SigningSession>.Success(session);
        }

        return session switch
        {
            null => Result<SigningSession>.Failure("SESSION_NOT_FOUND", "İmza oturumu bulunamadı. İmzalamayı yeniden başlatın."),
            { CompletedAt: not null } => Result<SigningSession>.Failure("SESSION_USED", "Bu imza oturumu zaten tamamlandı; aynı imza ikinci kez kullanılamaz."),
            _ when session.ExpiresAt <= now => Result<SigningSession>.Failure("SESSION_EXPIRED", ExpiredMessage),
            _ => Result<SigningSession>.Failure("SESSION_CERT_MISMATCH", "İmza, oturumun hazırlandığı sertifikadan farklı bir sertifikayla atılmış."),
        };
    }

    public static string Fingerprint(byte[] certificateDer) => Convert.ToHexStringLower(SHA256.HashData(certificateDer));
}
