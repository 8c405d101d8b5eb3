using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.Organisation;

namespace Mys.Signing.Domain.Access;

/// <summary>A person in the role-granting decision: their id, whether their account is active, and their active assignments.</summary>
public sealed record AccessHolder(Guid UserId, bool IsActive, IReadOnlyCollection<RoleAssignment> Assignments)
{
    public bool Holds(Role role, Guid? unitId) => Assignments.Any(a => a.Covers(role, unitId));

    public bool HoldsAnywhere(Role role) => Assignments.Any(a => a.IsActive && a.Role == role);
}

/// <summary>The units known to a decision, and which accounting unit serves each spending unit.</summary>
public sealed record UnitTopology(IReadOnlyDictionary<Guid, Guid> AccountingUnitOfSpendingUnit, IReadOnlySet<Guid> AccountingUnits)
{
    public Guid? AccountingUnitOf(Guid spendingUnitId) =>
        AccountingUnitOfSpendingUnit.TryGetValue(spendingUnitId, out var accountingUnit) ? accountingUnit : null;

    public bool IsUnitOfKind(Guid unitId, UnitKind kind) => kind switch
    {
        UnitKind.SpendingUnit => AccountingUnitOfSpendingUnit.ContainsKey(unitId),
        UnitKind.AccountingUnit => AccountingUnits.Contains(unitId),
        _ => false,
    };
}

/// <summary>
/// Grants and revokes roles. Enforces who may grant what, and separation of duties: a user may not be both
/// realization officer and spending authority of one unit, nor spending authority of a unit and accounting
/// officer of the accounting unit that serves it; nobody grants or revokes their own roles.
/// </summary>
public static class RoleGrants
{
    public static Result<RoleAssignment> Grant(
        AccessHolder grantor, AccessHolder grantee, Role role, Guid? unitId, string? reason, UnitTopology topology, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(grantor);
        ArgumentNullException.ThrowIfNull(grantee);
        ArgumentNullException.ThrowIfNull(topology);

        var common = CheckCommon(grantor, grantee, role, unitId, reason, topology);
        if (!common.IsSuccess)
        {
            return Result<RoleAssignment>.Failure(common.Error!);
        }

        if (!grantee.IsActive)
        {
            return Result<RoleAssignment>.Failure("ROLE_GRANTEE_INACTIVE", "Pasif durumdaki kullanıcıya rol verilemez.");
        }

        if (grantee.Holds(role, unitId))
        {
            return Result<RoleAssignment>.Failure("ROLE_DUPLICATE", "Kullanıcı bu birimde bu role zaten sahip.");
        }

        var separation = CheckSeparationOfDuties(grantee, role, unitId, topology);
        if (!separation.IsSuccess)
        {
            return Result<RoleAssignment>.Failure(separation.Error!);
        }

        return Result<RoleAssignment>.Success(RoleAssignment.Create(grantee.UserId, role, unitId, at, grantor.UserId, reason!.Trim()));
    }

    public static Result Revoke(AccessHolder grantor, AccessHolder grantee, RoleAssignment assignment, string? reason, UnitTopology topology, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(grantor);
        ArgumentNullException.ThrowIfNull(grantee);
        ArgumentNullException.ThrowIfNull(assignment);

        if (assignment.UserId != grantee.UserId)
        {
            throw new DomainException("ROLE_ASSIGNMENT_OWNER", "Rol ataması bu kullanıcıya ait değil.");
        }

        if (!assignment.IsActive)
        {
            return Result.Failure("ROLE_ALREADY_REVOKED", "Bu rol ataması zaten kaldırılmış.");
        }

        var common = CheckCommon(grantor, grantee, assignment.Role, assignment.UnitId, reason, topology);
        if (!common.IsSuccess)
        {
            return common;
        }

        assignment.Revoke(at, grantor.UserId, reason!.Trim());
        return Result.Success();
    }

    /// <summary>Whether <paramref name="grantor"/> may manage <paramref name="role"/> in the unit at all (used to build menus, too).</summary>
    public static bool MayManage(AccessHolder grantor, Role role, Guid? unitId)
    {
        ArgumentNullException.ThrowIfNull(grantor);
        if (!grantor.IsActive)
        {
            return false;
        }

        if (grantor.HoldsAnywhere(Role.SystemAdministrator))
        {
            return true;
        }

        return role switch
        {
            Role.DataEntryOfficer or Role.RealizationOfficer or Role.SpendingAuthority =>
                unitId is { } su && grantor.Holds(Role.IdentityAdministrator, su),
            Role.AccountingStaff => unitId is { } au && grantor.Holds(Role.AccountingOfficer, au),
            _ => false,
        };
    }

    private static Result CheckCommon(AccessHolder grantor, AccessHolder grantee, Role role, Guid? unitId, string? reason, UnitTopology topology)
    {
        if (grantor.UserId == grantee.UserId)
        {
            return Result.Failure("ROLE_SELF_GRANT", "Kendinize rol veremez veya kendi rolünüzü kaldıramazsınız.");
        }

        var scope = role.Scope();
        if (scope is null && unitId is not null)
        {
            return Result.Failure("ROLE_SCOPE", "Sistem yöneticisi rolü bir birime bağlı verilemez.");
        }

        if (scope is not null && unitId is null)
        {
            return Result.Failure("ROLE_SCOPE", $"{role.TurkishName()} rolü için birim seçilmelidir.");
        }

        if (scope is { } kind && !topology.IsUnitOfKind(unitId!.Value, kind))
        {
            var where = kind == UnitKind.SpendingUnit ? "bir harcama biriminde" : "bir muhasebe biriminde";
            return Result.Failure("ROLE_UNIT_KIND", $"{role.TurkishName()} rolü yalnızca {where} verilebilir.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Failure("ROLE_REASON", "Rol verme veya kaldırma gerekçesi zorunludur.");
        }

        if (reason.Trim().Length > 500)
        {
            return Result.Failure("ROLE_REASON", "Gerekçe 500 karakteri geçemez.");
        }

        if (!MayManage(grantor, role, unitId))
        {
            return Result.Failure("ROLE_NOT_PERMITTED", $"Bu birimde {role.TurkishName()} rolünü yönetme yetkiniz yok.");
        }

        return Result.Success();
    }

    private static Result CheckSeparationOfDuties(AccessHolder grantee, Role role, Guid? unitId, UnitTopology topology)
    {
        switch (role)
        {
            case Role.RealizationOfficer when grantee.Holds(Role.SpendingAuthority, unitId):
            case Role.SpendingAuthority when grantee.Holds(Role.RealizationOfficer, unitId):
                return Result.Failure(
                    "SOD_REALIZATION_SPENDING",
                    "Görevler ayrılığı: aynı kişi bir birimde hem gerçekleştirme görevlisi hem harcama yetkilisi olamaz.");

            case Role.SpendingAuthority when topology.AccountingUnitOf(unitId!.Value) is { } accountingUnit
                                             && grantee.Holds(Role.AccountingOfficer, accountingUnit):
                return SpendingVersusAccounting();

            case Role.AccountingOfficer when grantee.Assignments.Any(a =>
                a.IsActive && a.Role == Role.SpendingAuthority && a.UnitId is { } su && topology.AccountingUnitOf(su) == unitId):
                return SpendingVersusAccounting();

            default:
                return Result.Success();
        }

        static Result SpendingVersusAccounting() => Result.Failure(
            "SOD_SPENDING_ACCOUNTING",
            "Görevler ayrılığı: bir birimin harcama yetkilisi, o birime hizmet veren muhasebe biriminin muhasebe yetkilisi olamaz.");
    }
}
