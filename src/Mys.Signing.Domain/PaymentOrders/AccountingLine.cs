using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>Borç (debit) or alacak (credit).</summary>
public enum AccountSide
{
    Debit = 1,
    Credit = 2,
}

/// <summary>One line of the ÖEB's accounting record: an account code and a positive amount on one side.</summary>
public sealed record AccountingLine
{
    private AccountingLine(AccountCode account, AccountSide side, Money amount)
    {
        Account = account;
        Side = side;
        Amount = amount;
    }

    public AccountCode Account { get; }

    public AccountSide Side { get; }

    public Money Amount { get; }

    public static Result<AccountingLine> Create(AccountCode account, AccountSide side, Money amount)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!Enum.IsDefined(side))
        {
            throw new ArgumentOutOfRangeException(nameof(side), side, null);
        }

        return amount.IsPositive
            ? Result<AccountingLine>.Success(new AccountingLine(account, side, amount))
            : Result<AccountingLine>.Failure("ACCOUNT_LINE_AMOUNT", "Muhasebe satırındaki tutar sıfırdan büyük olmalıdır.");
    }

    public static AccountingLine Debit(string account, decimal amount) => Of(account, AccountSide.Debit, amount);

    public static AccountingLine Credit(string account, decimal amount) => Of(account, AccountSide.Credit, amount);

    private static AccountingLine Of(string account, AccountSide side, decimal amount)
    {
        var result = Create(AccountCode.From(account), side, Money.From(amount));
        return result.IsSuccess ? result.Value : throw new DomainException(result.Error!.Code, result.Error.Message);
    }
}
