using Microsoft.EntityFrameworkCore;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Infrastructure.Certificates;

/// <summary>The signer certificates, their reminders and the notifications. Declared here rather than on <see cref="MysDbContext"/>, so that Persistence knows no feature folder.</summary>
public static class CertificateTables
{
    extension(MysDbContext db)
    {
        public DbSet<SignerCertificate> SignerCertificates => db.Set<SignerCertificate>();

        public DbSet<CertificateReminder> CertificateReminders => db.Set<CertificateReminder>();

        public DbSet<Notification> Notifications => db.Set<Notification>();
    }
}
