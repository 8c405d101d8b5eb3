using System.Text.RegularExpressions;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Organisation;

/// <summary>Harcama birimi: prepares and signs ÖEBs; served by exactly one accounting unit.</summary>
public sealed partial class SpendingUnit
{
    private SpendingUnit(Guid id, Guid institutionId, string name, string institutionalCode, Guid accountingUnitId)
    {
        Id = id;
        InstitutionId = institutionId;
        Name = name;
        InstitutionalCode = institutionalCode;
        AccountingUnitId = accountingUnitId;
    }

    public Guid Id { get; private set; }

    public Guid InstitutionId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Kurumsal kod: four levels of two digits, e.g. <c>38.10.00.30</c>.</summary>
    public string InstitutionalCode { get; private set; }

    public Guid AccountingUnitId { get; private set; }

    public static Result<SpendingUnit> Create(Guid id, Guid institutionId, string? name, string? institutionalCode, Guid accountingUnitId)
    {
        var n = name?.Trim() ?? string.Empty;
        var code = institutionalCode?.Trim() ?? string.Empty;
        if (n.Length is 0 or > 200)
        {
            return Result<SpendingUnit>.Failure("SPENDING_UNIT_NAME", "Harcama birimi adı boş olamaz ve 200 karakteri geçemez.");
        }

        if (!InstitutionalCodePattern().IsMatch(code))
        {
            return Result<SpendingUnit>.Failure("SPENDING_UNIT_CODE", "Kurumsal kod 'xx.xx.xx.xx' biçiminde olmalıdır (ör. 38.10.00.30).");
        }

        if (accountingUnitId == Guid.Empty)
        {
            return Result<SpendingUnit>.Failure("SPENDING_UNIT_ACCOUNTING", "Harcama biriminin bir muhasebe birimine bağlanması gerekir.");
        }

        return Result<SpendingUnit>.Success(new SpendingUnit(id, institutionId, n, code, accountingUnitId));
    }

    [GeneratedRegex(@"^\d{2}\.\d{2}\.\d{2}\.\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex InstitutionalCodePattern();
}
