using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Signing;

namespace Mys.Signing.Infrastructure.Persistence.Configurations;

internal sealed class SignedPaymentOrderDocumentConfiguration : IEntityTypeConfiguration<SignedPaymentOrderDocument>
{
    public void Configure(EntityTypeBuilder<SignedPaymentOrderDocument> builder)
    {
        builder.ToTable("SignedPaymentOrderDocuments");
        builder.HasKey(d => d.PaymentOrderId);
        builder.Property(d => d.VerificationCode).HasMaxLength(32);
        builder.HasIndex(d => d.VerificationCode).IsUnique();
        builder.Property(d => d.RenderedSha256).HasMaxLength(64).IsFixedLength();
        builder.Property(d => d.CurrentSha256).HasMaxLength(64).IsFixedLength();
        builder.Property(d => d.Stage).HasConversion<string>().HasMaxLength(30);
        builder.Property<uint>(RowVersion.Property).IsRowVersion();
        builder.HasOne<PaymentOrder>().WithOne().HasForeignKey<SignedPaymentOrderDocument>(d => d.PaymentOrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
