using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Mys.Signing.Domain.Certificates;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Infrastructure.Certificates;

/// <summary>
/// Records every signing certificate seen for a user. A certificate whose subject TCKN is not the user's is refused:
/// nothing is registered, the refusal is written to the audit trail and logged. Callers: the readiness check, the
/// e-signature login and the signing API (after a signature).
/// </summary>
public sealed class CertificateRegister(MysDbContext db, TimeProvider clock, ILogger<CertificateRegister> logger)
{
    public async Task<Result<SignerCertificate>> RecordAsync(Guid userId, byte[] certificateDer, CertificateSource source, CancellationToken ct)
    {
        var facts = CertificateFacts.TryRead(certificateDer);
        if (facts is null)
        {
            logger.LogWarning("Certificate for user {UserId} from {Source} refused: not a readable X.509 certificate", userId, source);
            return Result<SignerCertificate>.Failure("CERT_MALFORMED", "Sertifika okunamadı (geçerli bir X.509 sertifikası değil).");
        }

        var userTckn = await db.Users.Where(u => u.Id == userId).Select(u => u.Tckn).SingleOrDefaultAsync(ct);
        if (userTckn is null)
        {
            logger.LogWarning("Certificate {Sha256} refused: user {UserId} does not exist", facts.Sha256, userId);
            return Result<SignerCertificate>.Failure("USER_NOT_FOUND", "Kullanıcı bulunamadı.");
        }

        if (!string.Equals(facts.Tckn, userTckn, StringComparison.Ordinal))
        {
            logger.LogWarning("Certificate {Sha256} (serial {Serial}, issuer {Issuer}) from {Source} refused for user {UserId}: its TCKN does not match the user's",
                facts.Sha256, facts.SerialNumber, facts.Issuer, source, userId);
            db.RecordEvent("CertificateRefused", nameof(SignerCertificate), facts.Sha256, AuditJson.Serialize(new
            {
                userId,
                reason = "TCKN_MISMATCH",
                certificateTckn = facts.Tckn,
                serial = facts.SerialNumber,
                issuer = facts.Issuer,
                source = source.ToString(),
            }));
            await db.SaveChangesAsync(ct);
            return Result<SignerCertificate>.Failure("CERT_TCKN_MISMATCH",
                "Sertifikadaki T.C. kimlik numarası kullanıcı hesabınızdakiyle aynı değil; başkasının sertifikasıyla işlem yapılamaz.");
        }

        var now = clock.GetUtcNow();
        var existing = await db.SignerCertificates.SingleOrDefaultAsync(c => c.Sha256 == facts.Sha256, ct);
        if (existing is not null)
        {
            existing.LastSeenAt = now;
            existing.LastSource = source;
            await db.SaveChangesAsync(ct);
            return Result<SignerCertificate>.Success(existing);
        }

        var row = new SignerCertificate
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Sha256 = facts.Sha256,
            SerialNumber = Truncate(facts.SerialNumber, 64),
            Issuer = Truncate(facts.Issuer, 500),
            Subject = Truncate(facts.Subject, 500),
            SubjectTckn = facts.Tckn!,
            NotBefore = facts.NotBefore,
            NotAfter = facts.NotAfter,
            Qualified = facts.Qualified,
            KeyType = Truncate(facts.KeyType, 20),
            FirstSeenAt = now,
            FirstSource = source,
            LastSeenAt = now,
            LastSource = source,
        };
        db.SignerCertificates.Add(row);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Certificate {Sha256} (serial {Serial}, valid until {NotAfter:O}) registered for user {UserId} from {Source}",
            row.Sha256, row.SerialNumber, row.NotAfter, userId, source);
        return Result<SignerCertificate>.Success(row);
    }

    private static string Truncate(string value, int max) => value.Length > max ? value[..max] : value;
}
