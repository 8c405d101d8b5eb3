using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Certificates;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Certificates;

namespace Mys.Signing.Application.Certificates;

/// <summary>
/// Daily: writes a reminder to the outbox for every active signer whose certificate expires within 60 days, within
/// 30 days or has expired (one row per user, certificate and stage, so a second run adds nothing), then delivers the
/// undelivered ones: by e-mail when SMTP is configured and the user has an address, as an in-app notification otherwise.
/// Run daily by <see cref="CertificateReminderJob"/>.
/// </summary>
public sealed class SendCertificateReminders(MysDbContext db, IReminderMailer mailer, ILogger<SendCertificateReminders> logger)
{
    private const int MaxAttempts = 5;

    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var written = await WriteRemindersAsync(now, cancellationToken);
        var delivered = await DeliverAsync(now, cancellationToken);
        logger.LogInformation("Certificate reminders: {Written} written, {Delivered} delivered", written, delivered);
    }

    private async Task<int> WriteRemindersAsync(DateTimeOffset now, CancellationToken ct)
    {
        Role[] signing = [Role.RealizationOfficer, Role.SpendingAuthority, Role.AccountingOfficer];
        var signers = await (from a in db.RoleAssignments.AsNoTracking()
                             join u in db.Users.AsNoTracking() on a.UserId equals u.Id
                             where a.RevokedAt == null && u.IsActive && signing.Contains(a.Role)
                             select u.Id).Distinct().ToListAsync(ct);
        var certificates = (await db.SignerCertificates.AsNoTracking().Where(c => signers.Contains(c.UserId)).ToListAsync(ct)).ToLookup(c => c.UserId);
        var existing = (await db.CertificateReminders.AsNoTracking().Where(r => signers.Contains(r.UserId)).Select(r => r.DedupKey).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);

        var written = 0;
        foreach (var userId in signers)
        {
            var status = SignerCertificateStatus.Evaluate(certificates[userId].Select(c => c.Validity), now);
            if (status.ReminderStage is not { } stage || status.Newest is null)
            {
                continue;
            }

            var key = $"cert-expiry:{userId:N}:{status.Newest.SerialNumber}:{stage}";
            if (!existing.Add(key))
            {
                continue;
            }

            var (subject, body) = Text(status);
            db.CertificateReminders.Add(new CertificateReminder
            {
                Id = Guid.NewGuid(), UserId = userId, DedupKey = key, Stage = stage, Subject = subject, Body = body, CreatedAt = now,
            });
            written++;
        }

        await db.SaveChangesAsync(ct);
        return written;
    }

    private async Task<int> DeliverAsync(DateTimeOffset now, CancellationToken ct)
    {
        var pending = await db.CertificateReminders.Where(r => r.SentAt == null && r.Attempts < MaxAttempts).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var userIds = pending.Select(r => r.UserId).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        var delivered = 0;
        foreach (var reminder in pending)
        {
            reminder.Attempts++;
            try
            {
                if (mailer.IsConfigured && emails.GetValueOrDefault(reminder.UserId) is { Length: > 0 } to)
                {
                    await mailer.SendAsync(to, reminder.Subject, reminder.Body, ct);
                    reminder.Channel = ReminderChannel.Email;
                }
                else
                {
                    db.Notifications.Add(new Notification
                    {
                        Id = Guid.NewGuid(), UserId = reminder.UserId, Title = reminder.Subject, Body = reminder.Body, Link = "/Yardim/sertifika-yenileme", CreatedAt = now,
                    });
                    reminder.Channel = ReminderChannel.InApp;
                }

                reminder.SentAt = now;
                reminder.LastError = null;
                delivered++;
            }
            catch (Exception e) when (e is System.Net.Mail.SmtpException or InvalidOperationException or IOException)
            {
                logger.LogWarning(e, "Reminder {ReminderId} could not be e-mailed (attempt {Attempt})", reminder.Id, reminder.Attempts);
                reminder.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
            }
        }

        await db.SaveChangesAsync(ct);
        return delivered;
    }

    private static (string Subject, string Body) Text(SignerCertificateStatus status)
    {
        var until = TurkeyTime.DateOf(status.Newest!.NotAfter).ToString("dd.MM.yyyy", Turkish);
        const string Renewal = "Yenileme başvurusunu sertifika hizmet sağlayıcınızın çevrimiçi işlemler sayfasından yapabilirsiniz; "
                               + "adımlar için MYS Yardım > \"NES sertifikanızı yenileme\" sayfasına bakın.";
        return status.Level switch
        {
            CertificateExpiryLevel.Expired => (
                "E-imza sertifikanızın süresi doldu",
                $"Nitelikli elektronik sertifikanızın süresi {until} tarihinde doldu; yeni sertifikanız gelene kadar MYS'de imza atamazsınız. "
                + "Süresi dolmuş sertifikayla başvuruyu e-Devlet üzerinden e-onay ile tamamlayabilirsiniz. " + Renewal),
            CertificateExpiryLevel.Urgent => (
                $"ACİL: E-imza sertifikanızın süresi {until} tarihinde doluyor",
                $"Sertifikanızın bitmesine {status.DaysLeft} gün kaldı. Yenileme başvurusunu hemen yapın; süre dolduğunda imza atamazsınız. " + Renewal),
            _ => (
                $"E-imza sertifikanızın süresi {until} tarihinde doluyor",
                $"Sertifikanızın bitmesine {status.DaysLeft} gün kaldı. Yenileme başvurusunu en geç bitişten bir ay önce yapın; yeni sertifika bitişten iki ay öncesinden itibaren üretilebilir. " + Renewal),
        };
    }
}
