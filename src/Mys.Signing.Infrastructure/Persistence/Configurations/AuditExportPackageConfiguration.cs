using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mys.Signing.Infrastructure.Export;

namespace Mys.Signing.Infrastructure.Persistence.Configurations;

internal sealed class AuditExportPackageConfiguration : IEntityTypeConfiguration<AuditExportPackage>
{
    public void Configure(EntityTypeBuilder<AuditExportPackage> builder)
    {
        builder.ToTable("AuditExportPackages");
        builder.HasKey(p => p.PaymentOrderId);
        builder.Property(p => p.PaymentOrderId).ValueGeneratedNever();
        builder.Property(p => p.DocumentSha256).HasMaxLength(64).IsFixedLength();
        builder.Property(p => p.BundleName).HasMaxLength(300);
    }
}
