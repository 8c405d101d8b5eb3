using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Identity;

namespace Mys.Signing.Infrastructure.Persistence.Configurations;

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Role).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.UnitKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.GrantReason).HasMaxLength(500).IsRequired();
        builder.Property(a => a.RevokeReason).HasMaxLength(500);
        builder.Ignore(a => a.IsActive);
        builder.HasOne<MysUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.UserId, a.RevokedAt });
        builder.HasIndex(a => new { a.UnitId, a.Role });

        // At most one active assignment of a role in a unit per user, even under concurrent grants.
        builder.HasIndex(a => new { a.UserId, a.Role, a.UnitId })
            .IsUnique()
            .HasFilter("\"RevokedAt\" IS NULL")
            .AreNullsDistinct(false);
        builder.Property<uint>(RowVersion.Property).IsRowVersion();
    }
}

internal sealed class MysUserConfiguration : IEntityTypeConfiguration<MysUser>
{
    public void Configure(EntityTypeBuilder<MysUser> builder)
    {
        builder.Property(u => u.Tckn).HasMaxLength(11).IsFixedLength().IsRequired();
        builder.HasIndex(u => u.Tckn).IsUnique();
        builder.Property(u => u.FullName).HasMaxLength(150).IsRequired();
        builder.Property(u => u.Title).HasMaxLength(150).IsRequired();
        builder.Property<uint>(RowVersion.Property).IsRowVersion();
    }
}
