using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.Parties;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>Hak sahibi: who is paid, identified by VKN or TCKN, paid to a Turkish IBAN.</summary>
public sealed record Payee
{
    private Payee(string name, TaxId taxId, string? taxOffice, Iban iban, string? bankName)
    {
        Name = name;
        TaxId = taxId;
        TaxOffice = taxOffice;
        Iban = iban;
        BankName = bankName;
    }

    /// <summary>Adı soyadı / unvanı.</summary>
    public string Name { get; }

    public TaxId TaxId { get; }

    /// <summary>Vergi dairesi; optional for real persons.</summary>
    public string? TaxOffice { get; }

    public Iban Iban { get; }

    public string? BankName { get; }

    public static Result<Payee> Create(string? name, TaxId taxId, string? taxOffice, Iban iban, string? bankName)
    {
        ArgumentNullException.ThrowIfNull(taxId);
        ArgumentNullException.ThrowIfNull(iban);
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > PaymentOrderLimits.PayeeNameLength)
        {
            return Result<Payee>.Failure("PAYEE_NAME", "Hak sahibinin adı/unvanı girilmelidir (en fazla 250 karakter).");
        }

        var checkedName = TypedText.Check(trimmed, "Hak sahibinin adı/unvanı", PaymentOrderLimits.PayeeNameLength);
        var office = TypedText.Check(taxOffice, "Vergi dairesi", PaymentOrderLimits.TaxOfficeLength);
        var bank = TypedText.Check(bankName, "Banka adı", PaymentOrderLimits.BankNameLength);
        var refused = checkedName.Error ?? office.Error ?? bank.Error;
        return refused is not null
            ? Result<Payee>.Failure(refused)
            : Result<Payee>.Success(new Payee(trimmed, taxId, office.Value, iban, bank.Value));
    }
}
