using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Parties;

/// <summary>Which identifier a <see cref="TaxId"/> holds.</summary>
public enum TaxIdKind
{
    /// <summary>Vergi kimlik numarası (10 digits): a company or an institution.</summary>
    Vkn = 1,

    /// <summary>T.C. kimlik numarası (11 digits): a real person.</summary>
    Tckn = 2,
}

/// <summary>
/// A payee's or supplier's tax identity: a VKN (10 digits) or a TCKN (11 digits), told apart by length as
/// UBL-TR does (domain.md §3). Both check digits are verified.
/// </summary>
public sealed record TaxId
{
    private TaxId(string value, TaxIdKind kind)
    {
        Value = value;
        Kind = kind;
    }

    public string Value { get; }

    public TaxIdKind Kind { get; }

    /// <summary>"VKN" or "TCKN", as printed on forms and used as UBL schemeID.</summary>
    public string Label => Kind == TaxIdKind.Vkn ? "VKN" : "TCKN";

    public static Result<TaxId> Parse(string? input)
    {
        var text = input?.Trim() ?? string.Empty;
        switch (text.Length)
        {
            case 10:
                var vkn = Vkn.Parse(text);
                return vkn.IsSuccess ? Result<TaxId>.Success(new TaxId(vkn.Value.Value, TaxIdKind.Vkn)) : Result<TaxId>.Failure(vkn.Error!);
            case 11:
                var tckn = Tckn.Parse(text);
                return tckn.IsSuccess ? Result<TaxId>.Success(new TaxId(tckn.Value.Value, TaxIdKind.Tckn)) : Result<TaxId>.Failure(tckn.Error!);
            default:
                return Result<TaxId>.Failure("TAXID_FORMAT", "Vergi kimlik numarası 10, T.C. kimlik numarası 11 haneli olmalıdır.");
        }
    }

    /// <summary>For values already validated (e.g. read back from the database).</summary>
    public static TaxId From(string value)
    {
        var result = Parse(value);
        return result.IsSuccess ? result.Value : throw new DomainException(result.Error!.Code, result.Error.Message);
    }

    /// <summary>Allocation-free check, same outcome as <see cref="Parse"/>.</summary>
    public static bool IsValid(string? input) => Vkn.IsValid(input) || Tckn.IsValid(input);

    public static TaxId FromVkn(Vkn vkn) => new((vkn ?? throw new ArgumentNullException(nameof(vkn))).Value, TaxIdKind.Vkn);

    public static TaxId FromTckn(Tckn tckn) => new((tckn ?? throw new ArgumentNullException(nameof(tckn))).Value, TaxIdKind.Tckn);

    public override string ToString() => Value;
}
