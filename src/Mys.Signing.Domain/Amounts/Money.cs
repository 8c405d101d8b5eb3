using System.Globalization;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Amounts;

/// <summary>
/// An amount in Turkish lira with kuruş precision (2 decimals; more are refused, never rounded away).
/// Money itself may be negative (a difference); the places that forbid negatives (gross amount, deductions,
/// net payable) check that themselves.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    public const string Currency = "TRY";

    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    private Money(decimal amount) => Amount = Normalise(amount);

    public static Money Zero => default;

    /// <summary>The amount, always with scale 2 (e.g. 12.50).</summary>
    public decimal Amount { get; }

    public bool IsNegative => Amount < 0m;

    public bool IsPositive => Amount > 0m;

    public bool IsZero => Amount == 0m;

    /// <summary>Whole lira part of a non-negative amount.</summary>
    public long Lira => (long)decimal.Truncate(Math.Abs(Amount));

    /// <summary>Kuruş part (0–99) of the amount.</summary>
    public int Kurus => (int)((Math.Abs(Amount) - decimal.Truncate(Math.Abs(Amount))) * 100m);

    /// <summary>
    /// The largest amount (either sign) Money takes: what an amount column, numeric(18, 2), holds. Any amount the system
    /// deals in is far below it; a larger one is a typing slip or an attack on the database.
    /// </summary>
    public const decimal MaxAmount = 9_999_999_999_999_999.99m;

    public static Result<Money> Of(decimal amount) =>
        decimal.Round(amount, 2) != amount
            ? Result<Money>.Failure("MONEY_PRECISION", AmountText.PrecisionMessage)
            : Math.Abs(amount) > MaxAmount
                ? Result<Money>.Failure("MONEY_RANGE", AmountText.RangeMessage)
                : Result<Money>.Success(new Money(amount));

    /// <summary>For literals and values already validated; throws on more than two decimals.</summary>
    public static Money From(decimal amount)
    {
        var result = Of(amount);
        return result.IsSuccess ? result.Value : throw new DomainException(result.Error!.Code, result.Error.Message);
    }

    /// <summary>
    /// Parses an amount as people type it in Turkey ("11.800,00", "111,86", "11800") or the machine form ("1234.56");
    /// <see cref="AmountText"/> has the rules.
    /// </summary>
    public static Result<Money> Parse(string? input)
    {
        var read = AmountText.Read(input);
        return read.IsSuccess ? Of(read.Value) : Result<Money>.Failure(read.Error!);
    }

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount);

    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount);

    public static Money operator -(Money value) => new(-value.Amount);

    public static bool operator <(Money left, Money right) => left.Amount < right.Amount;

    public static bool operator >(Money left, Money right) => left.Amount > right.Amount;

    public static bool operator <=(Money left, Money right) => left.Amount <= right.Amount;

    public static bool operator >=(Money left, Money right) => left.Amount >= right.Amount;

    public Money Add(Money other) => this + other;

    public Money Subtract(Money other) => this - other;

    public Money Negate() => -this;

    public int CompareTo(Money other) => Amount.CompareTo(other.Amount);

    /// <summary>Machine form, invariant: "1234.56".</summary>
    public override string ToString() => Amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>For a form field: "1.234,56" (what <see cref="Parse"/> reads back).</summary>
    public string ToInputString() => AmountText.ForInput(Amount);

    /// <summary>For people: "1.234,56 TL".</summary>
    public string ToTurkishString() => Amount.ToString("#,##0.00", Turkish) + " TL";

    // Adding 0.00m lifts the scale to at least 2 so that 5 and 5.00 print and compare the same way.
    private static decimal Normalise(decimal amount) => decimal.Round(amount, 2) + 0.00m;
}
