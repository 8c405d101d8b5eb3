using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Budget;
using Mys.Signing.Domain.Invoices;
using Mys.Signing.Domain.Organisation;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Infrastructure.Persistence.Configurations;

/// <summary>Value converters for the payment order's value objects (stored in their invariant machine form).</summary>
internal static class PaymentOrderConverters
{
    public static readonly ValueConverter<Money, decimal> Money = new(m => m.Amount, d => Domain.Amounts.Money.From(d));

    public static readonly ValueConverter<DocumentNumber, string> Number = new(n => n.Value, s => DocumentNumber.From(s));

    public static readonly ValueConverter<AccountCode, string> Account = new(a => a.Value, s => AccountCode.From(s));

    public static readonly ValueConverter<TaxId, string> TaxId = new(t => t.Value, s => Domain.Parties.TaxId.From(s));

    public static readonly ValueConverter<Iban, string> Iban = new(i => i.Value, s => Domain.Parties.Iban.From(s));

    /// <summary>"kurumsal-fonksiyonel-finansman-ekonomik"; no part contains '-'.</summary>
    public static readonly ValueConverter<BudgetClassification, string> Classification = new(c => c.ToString(), s => ParseClassification(s));

    private static BudgetClassification ParseClassification(string text)
    {
        var parts = text.Split('-');
        return BudgetClassification.Parse(parts[0], parts[1], parts[2], parts[3]).Value;
    }
}

/// <summary>
/// The ÖEB aggregate: one row per version in "PaymentOrders" (value objects as columns), its accounting lines
/// and attachments in owned child tables, and the xmin row version. The number is unique per spending unit,
/// budget year and version (versions share the number).
/// </summary>
internal sealed class PaymentOrderConfiguration : IEntityTypeConfiguration<PaymentOrder>
{
    public void Configure(EntityTypeBuilder<PaymentOrder> builder)
    {
        builder.ToTable("PaymentOrders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property<uint>(RowVersion.PaymentOrderProperty).IsRowVersion();
        builder.Ignore(o => o.NetPayable);
        builder.Ignore(o => o.IsEditable);

        builder.Property(o => o.Number).HasConversion(PaymentOrderConverters.Number).HasMaxLength(DocumentNumber.MaxLength).IsRequired();
        builder.Property(o => o.ExpenseTypeCode).HasMaxLength(40).IsRequired();
        builder.Property(o => o.Classification).HasConversion(PaymentOrderConverters.Classification!).HasMaxLength(40);
        builder.Property(o => o.GrossAmount).HasConversion(PaymentOrderConverters.Money).HasPrecision(PaymentOrderLimits.AmountPrecision, PaymentOrderLimits.AmountScale);
        builder.Property(o => o.Description).HasMaxLength(PaymentOrderLimits.DescriptionLength);
        builder.Property(o => o.AttachmentsDescription).HasMaxLength(4000).IsRequired();
        builder.Property(o => o.ClosingReason).HasMaxLength(1000);
        builder.Property(o => o.Status).HasConversion<int>();

        builder.ComplexProperty(o => o.Deductions, d =>
        {
            d.Ignore(x => x.Total);
            d.Property(x => x.VatWithholding).HasConversion(PaymentOrderConverters.Money).HasPrecision(PaymentOrderLimits.AmountPrecision, PaymentOrderLimits.AmountScale).HasColumnName("Deduction_VatWithholding");
            d.Property(x => x.StampDuty).HasConversion(PaymentOrderConverters.Money).HasPrecision(PaymentOrderLimits.AmountPrecision, PaymentOrderLimits.AmountScale).HasColumnName("Deduction_StampDuty");
            d.Property(x => x.IncomeTaxWithholding).HasConversion(PaymentOrderConverters.Money).HasPrecision(PaymentOrderLimits.AmountPrecision, PaymentOrderLimits.AmountScale).HasColumnName("Deduction_IncomeTaxWithholding");
            d.Property(x => x.SocialSecurity).HasConversion(PaymentOrderConverters.Money).HasPrecision(PaymentOrderLimits.AmountPrecision, PaymentOrderLimits.AmountScale).HasColumnName("Deduction_SocialSecurity");
            d.Property(x => x.Other).HasConversion(PaymentOrderConverters.Money).HasPrecision(PaymentOrderLimits.AmountPrecision, PaymentOrderLimits.AmountScale).HasColumnName("Deduction_Other");
        });

        builder.OwnsOne(o => o.Payee, p =>
        {
            p.Property(x => x.Name).HasMaxLength(PaymentOrderLimits.PayeeNameLength).IsRequired();
            p.Property(x => x.TaxId).HasConversion(PaymentOrderConverters.TaxId).HasMaxLength(11).IsRequired();
            p.Property(x => x.TaxOffice).HasMaxLength(PaymentOrderLimits.TaxOfficeLength);
            p.Property(x => x.Iban).HasConversion(PaymentOrderConverters.Iban).HasMaxLength(Iban.Length).IsRequired();
            p.Property(x => x.BankName).HasMaxLength(PaymentOrderLimits.BankNameLength);
            // Payee filter (contains, case-insensitive): trigram index.
            p.HasIndex(x => x.Name).HasMethod("gin").HasOperators("gin_trgm_ops");
        });

        builder.OwnsOne(o => o.Contract, c =>
        {
            c.Property(x => x.ContractNumber).HasMaxLength(PaymentOrderLimits.ContractNumberLength).IsRequired();
            c.Property(x => x.ProgressPaymentNumber);
            c.Property(x => x.CommitmentFileOrderId);
            c.Ignore(x => x.IsFirstPayment);
        });

        builder.OwnsOne(o => o.RealizationSignature, s => ConfigureSignature(s));
        builder.OwnsOne(o => o.SpendingAuthoritySignature, s => ConfigureSignature(s));
        builder.OwnsOne(o => o.AccountingOfficerSignature, s => ConfigureSignature(s));
        builder.OwnsOne(o => o.WetSignature, w =>
        {
            w.Property(x => x.ApprovalNumber).HasMaxLength(100);
            w.Property(x => x.Reason).HasMaxLength(1000);
            w.Property(x => x.ChosenByRole).HasConversion<int>();
        });

        builder.OwnsMany<AccountingLine>("_lines", l =>
        {
            l.ToTable("PaymentOrderLines");
            l.WithOwner().HasForeignKey("PaymentOrderId");
            l.Property<int>("Id").UseIdentityAlwaysColumn();
            l.HasKey("Id");
            l.Property(x => x.Account).HasConversion(PaymentOrderConverters.Account).HasMaxLength(30).IsRequired();
            l.Property(x => x.Side).HasConversion<int>();
            l.Property(x => x.Amount).HasConversion(PaymentOrderConverters.Money).HasPrecision(PaymentOrderLimits.AmountPrecision, PaymentOrderLimits.AmountScale);
        });
        builder.Ignore(o => o.Lines);

        builder.OwnsMany<SupportingDocument>("_attachments", a =>
        {
            a.ToTable("PaymentOrderAttachments");
            a.WithOwner().HasForeignKey("PaymentOrderId");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedNever();
            a.Ignore(x => x.HasFile);
            a.Property(x => x.DocumentTypeCode).HasMaxLength(40).IsRequired();
            a.Property(x => x.Source).HasConversion<int>();
            a.Property(x => x.FileName).HasMaxLength(PaymentOrderLimits.FileNameLength);
            a.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
            a.Property(x => x.MediaType).HasMaxLength(100);
            a.Property(x => x.StructuredDocumentId).HasMaxLength(64);
            a.Property(x => x.Position);
            a.OwnsOne(x => x.Invoice, i =>
            {
                i.Property(x => x.InvoiceNumber).HasMaxLength(PaymentOrderLimits.InvoiceNumberLength);
                i.Property(x => x.SupplierTaxId).HasMaxLength(PaymentOrderLimits.SupplierTaxIdLength);
            });
            a.OwnsOne(x => x.EInvoiceSignature, v =>
            {
                v.Ignore(x => x.IsVerified);
                v.Ignore(x => x.StatusLabel);
                v.Property(x => x.Status).HasConversion<int>();
                v.Property(x => x.Message).HasMaxLength(EInvoiceSignatureVerdict.MaxMessageLength).IsRequired();
                v.Property(x => x.Signer).HasMaxLength(EInvoiceSignatureVerdict.MaxSignerLength);
                v.Property(x => x.SignerTaxId).HasMaxLength(11);
                v.Property(x => x.XmlSha256).HasMaxLength(64).IsFixedLength();
            });
            a.HasIndex(x => x.StructuredDocumentId);
            a.HasIndex("PaymentOrderId", nameof(SupportingDocument.Position)).IsUnique();
        });
        builder.Ignore(o => o.Attachments);

        builder.HasIndex(o => new { o.SpendingUnitId, o.BudgetYear, o.Number, o.Version }).IsUnique();
        builder.HasIndex(o => new { o.SpendingUnitId, o.DocumentDate });
        builder.HasIndex(o => new { o.SpendingUnitId, o.Status, o.DocumentDate });
        builder.HasIndex(o => new { o.SpendingUnitId, o.Number });
        builder.HasIndex(o => new { o.SpendingUnitId, o.GrossAmount });
        builder.HasIndex(o => new { o.SpendingUnitId, o.ExpenseTypeCode, o.DocumentDate });
        builder.HasOne<SpendingUnit>().WithMany().HasForeignKey(o => o.SpendingUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AccountingUnit>().WithMany().HasForeignKey(o => o.AccountingUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => o.AccountingUnitId);
        // The accounting unit's inbox: newest sent first, optionally by state.
        builder.HasIndex(o => new { o.AccountingUnitId, o.SentAt });
        builder.HasIndex(o => new { o.AccountingUnitId, o.Status, o.SentAt });
        builder.HasIndex(o => new { o.AccountingUnitId, o.SpendingUnitId, o.SentAt });
        builder.HasIndex(o => new { o.AccountingUnitId, o.Number });
        builder.HasIndex(o => o.PreviousVersionId);
    }

    private static void ConfigureSignature(OwnedNavigationBuilder<PaymentOrder, SignatureRecord> s)
    {
        s.Property(x => x.Role).HasConversion<int>();
        s.Property(x => x.SignatureReference).HasMaxLength(200).IsRequired();
    }
}
