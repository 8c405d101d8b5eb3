using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>Kesintiler withheld from the gross amount; each is zero or more.</summary>
public sealed record Deductions
{
    private Deductions(Money vatWithholding, Money stampDuty, Money incomeTaxWithholding, Money socialSecurity, Money other)
    {
        VatWithholding = vatWithholding;
        StampDuty = stampDuty;
        IncomeTaxWithholding = incomeTaxWithholding;
        SocialSecurity = socialSecurity;
        Other = other;
        Total = vatWithholding + stampDuty + incomeTaxWithholding + socialSecurity + other;
    }

    public static Deductions None { get; } = new(Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero);

    /// <summary>KDV tevkifatı.</summary>
    public Money VatWithholding { get; }

    /// <summary>Damga vergisi.</summary>
    public Money StampDuty { get; }

    /// <summary>Gelir vergisi stopajı.</summary>
    public Money IncomeTaxWithholding { get; }

    /// <summary>SGK kesintisi.</summary>
    public Money SocialSecurity { get; }

    /// <summary>Diğer kesintiler (emanet, teminat …).</summary>
    public Money Other { get; }

    public Money Total { get; }

    public static Result<Deductions> Create(
        Money vatWithholding = default, Money stampDuty = default, Money incomeTaxWithholding = default, Money socialSecurity = default, Money other = default)
    {
        if (vatWithholding.IsNegative || stampDuty.IsNegative || incomeTaxWithholding.IsNegative || socialSecurity.IsNegative || other.IsNegative)
        {
            return Result<Deductions>.Failure("DEDUCTION_NEGATIVE", "Kesinti tutarları eksi olamaz.");
        }

        return Result<Deductions>.Success(new Deductions(vatWithholding, stampDuty, incomeTaxWithholding, socialSecurity, other));
    }
}
