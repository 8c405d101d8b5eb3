using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Certificates;
using Mys.Signing.Infrastructure.Certificates;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Certificates;

/// <summary>The user's own certificates (newest expiry first), their last 50 notifications and their certificate status.</summary>
public sealed record OwnCertificates(IReadOnlyList<SignerCertificate> Certificates, IReadOnlyList<Notification> Notifications, SignerCertificateStatus Status, bool IsSigner);

/// <summary>Any logged-in user looks at the certificates registered for them and at their notifications.</summary>
public sealed class ViewOwnCertificates(MysDbContext db, SignerCertificateStatusService statuses)
{
    public async Task<OwnCertificates> RunAsync(Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var certificates = await db.SignerCertificates.AsNoTracking().Where(c => c.UserId == actor.Id).OrderByDescending(c => c.NotAfter).ToListAsync(ct);
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.UserId == actor.Id).OrderByDescending(n => n.CreatedAt).Take(50).ToListAsync(ct);
        return new OwnCertificates(certificates, notifications, await statuses.GetAsync(actor.Id, ct), actor.Assignments.Any(a => RoleFacts.Signs(a.Role)));
    }
}

/// <summary>A user marks one of their own notifications read (someone else's is not found).</summary>
public sealed class MarkNotificationRead(MysDbContext db, TimeProvider clock)
{
    /// <summary>False when the notification is not the actor's (or does not exist).</summary>
    public async Task<bool> RunAsync(Actor actor, Guid notificationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == notificationId && n.UserId == actor.Id, ct);
        if (notification is null)
        {
            return false;
        }

        notification.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }
}
