using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mys.Signing.Infrastructure.Storage;

namespace Mys.Signing.Infrastructure.Persistence.Configurations;

internal sealed class AttachmentBlobConfiguration : IEntityTypeConfiguration<AttachmentBlob>
{
    public void Configure(EntityTypeBuilder<AttachmentBlob> builder)
    {
        builder.ToTable("AttachmentBlobs");
        builder.HasKey(b => b.Sha256);
        builder.Property(b => b.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(b => b.MediaType).HasMaxLength(100);
        builder.Property(b => b.Location).HasMaxLength(10).HasDefaultValue(AttachmentLocations.PostgreSql);
        builder.Property(b => b.ObjectKey).HasMaxLength(300);
        builder.HasIndex(b => b.BlobId).IsUnique();
    }
}

internal sealed class AttachmentChunkConfiguration : IEntityTypeConfiguration<AttachmentChunk>
{
    public void Configure(EntityTypeBuilder<AttachmentChunk> builder)
    {
        builder.ToTable("AttachmentChunks");
        builder.HasKey(c => new { c.BlobId, c.Sequence });
        builder.Property(c => c.Data).HasColumnType("bytea");
    }
}
