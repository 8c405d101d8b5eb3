using System.Text.RegularExpressions;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Organisation;

/// <summary>Muhasebe birimi: checks and pays the ÖEBs of the spending units it serves.</summary>
public sealed partial class AccountingUnit
{
    private AccountingUnit(Guid id, Guid institutionId, string name, string code)
    {
        Id = id;
        InstitutionId = institutionId;
        Name = name;
        Code = code;
    }

    public Guid Id { get; private set; }

    public Guid InstitutionId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Muhasebe birimi kodu. The official layout is not confirmed (domain.md §1a): digits and dots, 3–20 characters.</summary>
    public string Code { get; private set; }

    public static Result<AccountingUnit> Create(Guid id, Guid institutionId, string? name, string? code)
    {
        var n = name?.Trim() ?? string.Empty;
        var c = code?.Trim() ?? string.Empty;
        if (n.Length is 0 or > 200)
        {
            return Result<AccountingUnit>.Failure("ACCOUNTING_UNIT_NAME", "Muhasebe birimi adı boş olamaz ve 200 karakteri geçemez.");
        }

        if (!CodePattern().IsMatch(c))
        {
            return Result<AccountingUnit>.Failure("ACCOUNTING_UNIT_CODE", "Muhasebe birimi kodu 3–20 karakter, rakam ve noktadan oluşmalıdır.");
        }

        return Result<AccountingUnit>.Success(new AccountingUnit(id, institutionId, n, c));
    }

    [GeneratedRegex(@"^[0-9][0-9.]{1,18}[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
