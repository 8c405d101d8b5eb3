using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mys.Signing.Infrastructure.Signing;

namespace Mys.Signing.Infrastructure.Persistence.Configurations;

internal sealed class SigningSessionConfiguration : IEntityTypeConfiguration<SigningSession>
{
    public void Configure(EntityTypeBuilder<SigningSession> builder)
    {
        builder.ToTable("SigningSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.CertificateSha256).HasMaxLength(64).IsFixedLength();
        builder.Property(s => s.Purpose).HasMaxLength(50);
        builder.Property(s => s.Targets).HasColumnType("text");
        builder.Property(s => s.PreparedState).HasColumnType("bytea");
        builder.HasIndex(s => new { s.UserId, s.CreatedAt });
        builder.HasIndex(s => s.ExpiresAt);
    }
}
