using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mys.Signing.Infrastructure.Ocr;

namespace Mys.Signing.Infrastructure.Persistence.Configurations;

internal sealed class InvoiceOcrResultConfiguration : IEntityTypeConfiguration<InvoiceOcrResult>
{
    public void Configure(EntityTypeBuilder<InvoiceOcrResult> builder)
    {
        builder.ToTable("InvoiceOcrResults");
        builder.HasKey(r => r.Sha256);
        builder.Property(r => r.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(r => r.Status).HasConversion<int>();
        builder.Property(r => r.Text).HasMaxLength(InvoiceOcrResult.MaxTextLength);
        builder.Property(r => r.Error).HasMaxLength(InvoiceOcrResult.MaxErrorLength);
        builder.Property(r => r.Engine).HasMaxLength(200);
    }
}

internal sealed class InvoiceOcrQueueItemConfiguration : IEntityTypeConfiguration<InvoiceOcrQueueItem>
{
    public void Configure(EntityTypeBuilder<InvoiceOcrQueueItem> builder)
    {
        builder.ToTable("InvoiceOcrQueue");
        builder.HasKey(q => q.Sha256);
        builder.Property(q => q.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(q => q.MediaType).HasMaxLength(100);
        // The job's "newest sent first" walks this index backwards.
        builder.HasIndex(q => q.SentAt);
    }
}
