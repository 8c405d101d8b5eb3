using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Infrastructure.Signing.Codes;

/// <summary>Issues verification codes and moves them through claim → complete (or fail) exactly once.</summary>
public sealed class SigningCodeStore(MysDbContext db, TimeProvider clock)
{
    /// <summary>How long the agent has to fetch the job (as the Kamu SM signer's code).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(300);

    public const int Digits = 15;

    public async Task<(SigningCode Code, string Plain)> IssueAsync(Guid userId, string origin, string purpose, string targetsJson, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        var plain = NewCode();
        var now = clock.GetUtcNow();
        var code = new SigningCode
        {
            Id = Guid.NewGuid(),
            CodeSha256 = Hash(plain),
            UserId = userId,
            Origin = origin,
            Purpose = purpose,
            Targets = targetsJson,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.SigningCodes.Add(code);
        db.RecordEvent("SigningCodeIssued", nameof(SigningCode), code.Id.ToString("D"));
        await db.SaveChangesAsync(cancellationToken);
        return (code, plain);
    }

    /// <summary>
    /// The agent's first request: the code must exist, be unexpired, unclaimed, and issued by this origin. Claiming binds
    /// it to the certificate; a second claim (a replay, or a second agent) is refused.
    /// </summary>
    public async Task<Result<SigningCode>> ClaimAsync(string plain, string origin, byte[] certificateDer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateDer);
        var hash = Hash(Normalize(plain) ?? string.Empty);
        var now = clock.GetUtcNow();
        var fingerprint = SigningSessionStore.Fingerprint(certificateDer);
        var claimed = await db.SigningCodes
            .Where(c => c.CodeSha256 == hash && c.ClaimedAt == null && c.FailedAt == null && c.ExpiresAt > now && c.Origin == origin)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.ClaimedAt, now).SetProperty(x => x.CertificateSha256, fingerprint), cancellationToken);
        var code = await db.SigningCodes.AsNoTracking().SingleOrDefaultAsync(c => c.CodeSha256 == hash, cancellationToken);
        if (claimed == 1 && code is not null)
        {
            db.RecordEvent("SigningCodeClaimed", nameof(SigningCode), code.Id.ToString("D"));
            await db.SaveChangesAsync(cancellationToken);
            return Result<SigningCode>.Success(code);
        }

        return code switch
        {
            null => Result<SigningCode>.Failure("CODE_UNKNOWN", "Doğrulama kodu hatalı. Sayfada gösterilen 15 haneli kodu yeniden yazın."),
            { ClaimedAt: not null } or { FailedAt: not null } => Result<SigningCode>.Failure("CODE_USED", "Bu doğrulama kodu zaten kullanıldı. Sayfadan yeni kod alın."),
            _ when code.Origin != origin => Result<SigningCode>.Failure("CODE_WRONG_ORIGIN", "Bu kod başka bir sunucu adresi için verilmiş."),
            _ => Result<SigningCode>.Failure("CODE_EXPIRED", "Doğrulama kodunun süresi (5 dakika) doldu. Sayfadan yeni kod alın."),
        };
    }

    /// <summary>The claimed, unfinished code for the completion: same code, same certificate.</summary>
    public async Task<Result<SigningCode>> FindClaimedAsync(string plain, string origin, byte[] certificateDer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateDer);
        var hash = Hash(Normalize(plain) ?? string.Empty);
        var fingerprint = SigningSessionStore.Fingerprint(certificateDer);
        var code = await db.SigningCodes.AsNoTracking().SingleOrDefaultAsync(c => c.CodeSha256 == hash && c.Origin == origin, cancellationToken);
        return code switch
        {
            null or { ClaimedAt: null } => Result<SigningCode>.Failure("CODE_UNKNOWN", "Doğrulama kodu hatalı."),
            { CompletedAt: not null } or { FailedAt: not null } => Result<SigningCode>.Failure("CODE_USED", "Bu doğrulama kodu zaten kullanıldı. Sayfadan yeni kod alın."),
            _ when code.CertificateSha256 != fingerprint => Result<SigningCode>.Failure("CODE_CERT_MISMATCH", "İmzalar, işi alan sertifikadan farklı bir sertifikayla atılmış."),
            { SessionId: null } => Result<SigningCode>.Failure("CODE_NOT_PREPARED", "İmzalanacak iş hazırlanamamıştı. Sayfadan yeni kod alın."),
            _ => Result<SigningCode>.Success(code),
        };
    }

    public async Task AttachSessionAsync(Guid codeId, Guid sessionId, CancellationToken cancellationToken) =>
        await db.SigningCodes.Where(c => c.Id == codeId).ExecuteUpdateAsync(c => c.SetProperty(x => x.SessionId, sessionId), cancellationToken);

    /// <summary>Marks the code completed once (inside the completion's transaction when there is one).</summary>
    public async Task<bool> MarkCompletedAsync(Guid codeId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var done = await db.SigningCodes.Where(c => c.Id == codeId && c.CompletedAt == null && c.FailedAt == null)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.CompletedAt, now), cancellationToken);
        return done == 1;
    }

    /// <summary>Ends the code without signatures; the waiting page shows the reason.</summary>
    public async Task MarkFailedAsync(Guid codeId, string failureCode, string message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.SigningCodes.Where(c => c.Id == codeId && c.CompletedAt == null && c.FailedAt == null)
            .ExecuteUpdateAsync(
                c => c.SetProperty(x => x.FailedAt, now).SetProperty(x => x.FailureCode, failureCode)
                    .SetProperty(x => x.FailureMessage, message.Length > 500 ? message[..500] : message),
                cancellationToken);
        db.RecordEvent("SigningCodeFailed", nameof(SigningCode), codeId.ToString("D"), AuditDetails(failureCode));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The code as its owner's page sees it (null for anyone else).</summary>
    public Task<SigningCode?> FindForUserAsync(Guid codeId, Guid userId, CancellationToken cancellationToken) =>
        db.SigningCodes.AsNoTracking().SingleOrDefaultAsync(c => c.Id == codeId && c.UserId == userId, cancellationToken);

    /// <summary>Digits only: spaces and dashes people type between groups are dropped; anything else makes it unreadable.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null)
        {
            return null;
        }

        var digits = new StringBuilder(Digits);
        foreach (var c in typed)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-'))
            {
                return null;
            }
        }

        return digits.Length == Digits ? digits.ToString() : null;
    }

    public static string Hash(string plain) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(plain)));

    private static string NewCode()
    {
        var digits = new char[Digits];
        for (var i = 0; i < Digits; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        return new string(digits);
    }

    private static string AuditDetails(string failureCode) => "{\"reason\":\"" + failureCode + "\"}";
}
