using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mys.Signing.Infrastructure.Verification;

namespace Mys.Signing.Infrastructure.Persistence.Configurations;

internal sealed class PublicVerificationThrottleConfiguration : IEntityTypeConfiguration<PublicVerificationThrottle>
{
    public void Configure(EntityTypeBuilder<PublicVerificationThrottle> builder)
    {
        builder.ToTable("PublicVerificationThrottles");
        builder.HasKey(t => t.ClientKey);
        builder.Property(t => t.ClientKey).HasMaxLength(64).IsFixedLength();
    }
}
