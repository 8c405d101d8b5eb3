using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mys.Signing.Infrastructure.Certificates;
using Mys.Signing.Infrastructure.Identity;

namespace Mys.Signing.Infrastructure.Persistence.Configurations;

internal sealed class SignerCertificateConfiguration : IEntityTypeConfiguration<SignerCertificate>
{
    public void Configure(EntityTypeBuilder<SignerCertificate> builder)
    {
        builder.ToTable("SignerCertificates");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Sha256).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(c => c.Sha256).IsUnique();
        builder.Property(c => c.SerialNumber).HasMaxLength(64);
        builder.Property(c => c.Issuer).HasMaxLength(500);
        builder.Property(c => c.Subject).HasMaxLength(500);
        builder.Property(c => c.SubjectTckn).HasMaxLength(11).IsFixedLength();
        builder.Property(c => c.KeyType).HasMaxLength(20);
        builder.Property(c => c.FirstSource).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.LastSource).HasConversion<string>().HasMaxLength(30);
        builder.Ignore(c => c.Validity);
        builder.HasIndex(c => new { c.UserId, c.NotAfter });
        builder.HasOne<MysUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateReminderConfiguration : IEntityTypeConfiguration<CertificateReminder>
{
    public void Configure(EntityTypeBuilder<CertificateReminder> builder)
    {
        builder.ToTable("CertificateReminders");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.DedupKey).HasMaxLength(200);
        builder.HasIndex(r => r.DedupKey).IsUnique();
        builder.Property(r => r.Stage).HasMaxLength(20);
        builder.Property(r => r.Subject).HasMaxLength(200);
        builder.Property(r => r.Body).HasColumnType("text");
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.LastError).HasMaxLength(1000);
        builder.HasIndex(r => r.SentAt);
        builder.HasOne<MysUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Title).HasMaxLength(200);
        builder.Property(n => n.Body).HasColumnType("text");
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.HasIndex(n => new { n.UserId, n.CreatedAt });
        builder.HasOne<MysUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
