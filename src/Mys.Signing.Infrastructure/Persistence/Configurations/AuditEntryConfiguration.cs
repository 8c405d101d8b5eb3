using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mys.Signing.Infrastructure.Auditing;

namespace Mys.Signing.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.EntityType).HasMaxLength(100);
        builder.Property(e => e.EntityId).HasMaxLength(200);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.UserName).HasMaxLength(150);
        builder.Property(e => e.Role).HasMaxLength(40);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.UserAgent).HasMaxLength(400);
        builder.Property(e => e.CorrelationId).HasMaxLength(64);
        builder.Property(e => e.Changes).HasColumnType("text");
        builder.Property(e => e.PreviousHash).HasColumnType("bytea").IsRequired();
        builder.Property(e => e.Hash).HasColumnType("bytea").IsRequired();
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        builder.HasIndex(e => e.UserId);
        builder.ToTable(t => t.HasCheckConstraint("CK_AuditEntries_Position", "(\"Partition\" IS NULL) = (\"Sequence\" IS NULL)"));
        builder.HasIndex(e => new { e.Partition, e.Sequence }).IsUnique();
        // The sealed legacy chain's last row, found without scanning the partitioned rows.
        builder.HasIndex(e => e.Id).HasDatabaseName("IX_AuditEntries_Legacy").HasFilter("\"Partition\" IS NULL");
    }
}

internal sealed class AuditAnchorConfiguration : IEntityTypeConfiguration<AuditAnchor>
{
    public void Configure(EntityTypeBuilder<AuditAnchor> builder)
    {
        builder.ToTable("AuditAnchors");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Heads).HasColumnType("text");
        builder.Property(a => a.PreviousHash).HasColumnType("bytea").IsRequired();
        builder.Property(a => a.Hash).HasColumnType("bytea").IsRequired();
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        // The package's entity leaves Xml optional; the table (Foundation migration) has it NOT NULL and the
        // package always writes it, so the existing schema and rows stay as they are.
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Xml).IsRequired().HasColumnType("text");
    }
}
