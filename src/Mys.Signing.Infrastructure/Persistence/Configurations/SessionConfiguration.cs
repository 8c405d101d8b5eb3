using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mys.Signing.Infrastructure.Identity;

namespace Mys.Signing.Infrastructure.Persistence.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Address).HasMaxLength(UserSession.AddressMaxLength);
        builder.Property(s => s.UserAgent).HasMaxLength(UserSession.UserAgentMaxLength);
        builder.Property(s => s.Method).HasMaxLength(20);
        builder.Property(s => s.EndReason).HasMaxLength(30);
        builder.HasOne<MysUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.UserId, s.CreatedAt });
    }
}

internal sealed class LoginThrottleConfiguration : IEntityTypeConfiguration<LoginThrottle>
{
    public void Configure(EntityTypeBuilder<LoginThrottle> builder)
    {
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(120);
    }
}
