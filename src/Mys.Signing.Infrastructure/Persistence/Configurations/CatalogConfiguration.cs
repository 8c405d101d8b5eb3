using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mys.Signing.Infrastructure.Catalog;

namespace Mys.Signing.Infrastructure.Persistence.Configurations;

internal sealed class DocumentTypeRowConfiguration : IEntityTypeConfiguration<DocumentTypeRow>
{
    public void Configure(EntityTypeBuilder<DocumentTypeRow> builder)
    {
        builder.ToTable("DocumentTypes");
        builder.HasKey(t => t.Code);
        builder.Property(t => t.Code).HasMaxLength(40);
        builder.Property(t => t.Name).HasMaxLength(200).IsRequired();
        builder.Property(t => t.Note).HasMaxLength(1000);
        builder.Property<uint>(RowVersion.Property).IsRowVersion();
    }
}

internal sealed class ExpenseTypeRowConfiguration : IEntityTypeConfiguration<ExpenseTypeRow>
{
    public void Configure(EntityTypeBuilder<ExpenseTypeRow> builder)
    {
        builder.ToTable("ExpenseTypes");
        builder.HasKey(t => t.Code);
        builder.Property(t => t.Code).HasMaxLength(40);
        builder.Property(t => t.Name).HasMaxLength(200).IsRequired();
        builder.Property(t => t.RequiredDocuments).HasColumnType("jsonb").IsRequired();
        builder.Property(t => t.Note).HasMaxLength(1000);
        builder.Property<uint>(RowVersion.Property).IsRowVersion();
    }
}
