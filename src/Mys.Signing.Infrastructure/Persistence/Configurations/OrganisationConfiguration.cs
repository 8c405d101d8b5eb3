using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mys.Signing.Domain.Organisation;

namespace Mys.Signing.Infrastructure.Persistence.Configurations;

internal sealed class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Name).HasMaxLength(200).IsRequired();
        builder.Property<uint>(RowVersion.Property).IsRowVersion();
    }
}

internal sealed class AccountingUnitConfiguration : IEntityTypeConfiguration<AccountingUnit>
{
    public void Configure(EntityTypeBuilder<AccountingUnit> builder)
    {
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Name).HasMaxLength(200).IsRequired();
        builder.Property(u => u.Code).HasMaxLength(20).IsRequired();
        builder.HasIndex(u => u.Code).IsUnique();
        builder.HasOne<Institution>().WithMany().HasForeignKey(u => u.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property<uint>(RowVersion.Property).IsRowVersion();
    }
}

internal sealed class SpendingUnitConfiguration : IEntityTypeConfiguration<SpendingUnit>
{
    public void Configure(EntityTypeBuilder<SpendingUnit> builder)
    {
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Name).HasMaxLength(200).IsRequired();
        builder.Property(u => u.InstitutionalCode).HasMaxLength(11).IsRequired();
        builder.HasIndex(u => u.InstitutionalCode).IsUnique();
        builder.HasOne<Institution>().WithMany().HasForeignKey(u => u.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AccountingUnit>().WithMany().HasForeignKey(u => u.AccountingUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.AccountingUnitId);
        builder.Property<uint>(RowVersion.Property).IsRowVersion();
    }
}
