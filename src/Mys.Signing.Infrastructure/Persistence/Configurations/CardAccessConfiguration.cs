using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Signing.Codes;

namespace Mys.Signing.Infrastructure.Persistence.Configurations;

internal sealed class LoginChallengeConfiguration : IEntityTypeConfiguration<LoginChallenge>
{
    public void Configure(EntityTypeBuilder<LoginChallenge> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.NonceSha256).HasMaxLength(64).IsFixedLength();
        builder.Property(c => c.Origin).HasMaxLength(200);
        builder.HasIndex(c => c.NonceSha256).IsUnique();
        builder.HasIndex(c => c.ExpiresAt);
    }
}

internal sealed class SigningCodeConfiguration : IEntityTypeConfiguration<SigningCode>
{
    public void Configure(EntityTypeBuilder<SigningCode> builder)
    {
        builder.ToTable("SigningCodes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.CodeSha256).HasMaxLength(64).IsFixedLength();
        builder.Property(c => c.CertificateSha256).HasMaxLength(64).IsFixedLength();
        builder.Property(c => c.Origin).HasMaxLength(200);
        builder.Property(c => c.Purpose).HasMaxLength(50);
        builder.Property(c => c.Targets).HasColumnType("text");
        builder.Property(c => c.FailureCode).HasMaxLength(50);
        builder.Property(c => c.FailureMessage).HasMaxLength(500);
        builder.HasIndex(c => c.CodeSha256).IsUnique();
        builder.HasIndex(c => new { c.UserId, c.CreatedAt });
        builder.HasIndex(c => c.ExpiresAt);
    }
}

internal sealed class CodeLookupThrottleConfiguration : IEntityTypeConfiguration<CodeLookupThrottle>
{
    public void Configure(EntityTypeBuilder<CodeLookupThrottle> builder)
    {
        builder.ToTable("CodeLookupThrottles");
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(100);
    }
}
