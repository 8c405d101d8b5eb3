using Mys.Signing.Domain.Organisation;

namespace Mys.Signing.Domain.Access;

/// <summary>The roles of the guideline, each held in a unit (SystemAdministrator is global).</summary>
public enum Role
{
    /// <summary>Veri giriş görevlisi: prepares ÖEBs, never signs (R5).</summary>
    DataEntryOfficer = 1,

    /// <summary>Gerçekleştirme görevlisi: first signer.</summary>
    RealizationOfficer = 2,

    /// <summary>Harcama yetkilisi: second signer.</summary>
    SpendingAuthority = 3,

    /// <summary>Muhasebe yetkilisi: accepts or returns; defines the accounting staff.</summary>
    AccountingOfficer = 4,

    /// <summary>Muhasebe personeli: verifies received ÖEBs.</summary>
    AccountingStaff = 5,

    /// <summary>Kimlik yöneticisi of a spending unit: assigns the unit's roles.</summary>
    IdentityAdministrator = 6,

    /// <summary>Sistem yöneticisi: catalogs, units, identity administrators.</summary>
    SystemAdministrator = 7,
}

public static class RoleFacts
{
    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    /// <summary>The kind of unit the role is held in; null for the global system administrator.</summary>
    public static UnitKind? Scope(this Role role) => role switch
    {
        Role.DataEntryOfficer or Role.RealizationOfficer or Role.SpendingAuthority or Role.IdentityAdministrator => UnitKind.SpendingUnit,
        Role.AccountingOfficer or Role.AccountingStaff => UnitKind.AccountingUnit,
        Role.SystemAdministrator => null,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static string TurkishName(this Role role) => role switch
    {
        Role.DataEntryOfficer => "Veri Giriş Görevlisi",
        Role.RealizationOfficer => "Gerçekleştirme Görevlisi",
        Role.SpendingAuthority => "Harcama Yetkilisi",
        Role.AccountingOfficer => "Muhasebe Yetkilisi",
        Role.AccountingStaff => "Muhasebe Personeli",
        Role.IdentityAdministrator => "Kimlik Yöneticisi",
        Role.SystemAdministrator => "Sistem Yöneticisi",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>Roles whose holder signs ÖEBs (R5); data-entry officers never do.</summary>
    public static bool Signs(this Role role) => role is Role.RealizationOfficer or Role.SpendingAuthority or Role.AccountingOfficer;
}
