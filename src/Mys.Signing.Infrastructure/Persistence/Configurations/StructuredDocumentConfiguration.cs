using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mys.Signing.Domain.Organisation;
using Mys.Signing.Infrastructure.PaymentOrders;

namespace Mys.Signing.Infrastructure.Persistence.Configurations;

internal sealed class StructuredDocumentConfiguration : IEntityTypeConfiguration<StructuredDocumentRecord>
{
    public void Configure(EntityTypeBuilder<StructuredDocumentRecord> builder)
    {
        builder.ToTable("StructuredDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Type).HasMaxLength(10).IsRequired();
        builder.Property(d => d.Number).HasMaxLength(50).IsRequired();
        builder.Property(d => d.CanonicalJson).HasColumnType("bytea").IsRequired();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.HasOne<SpendingUnit>().WithMany().HasForeignKey(d => d.SpendingUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.SpendingUnitId, d.Type, d.Number }).IsUnique();
    }
}
