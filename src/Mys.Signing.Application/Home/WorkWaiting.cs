using Mys.Signing.Domain.Access;

namespace Mys.Signing.Application.Home;

/// <summary>What kind of work waits for the person on their start page.</summary>
public enum WorkKind
{
    /// <summary>ÖEBs of the unit waiting for the realization officer's or the spending authority's signature.</summary>
    AwaitingMySignature = 1,

    /// <summary>ÖEBs the accounting unit returned, no new version started yet (data entry).</summary>
    Returned = 2,

    /// <summary>Drafts of the unit (data entry).</summary>
    Draft = 3,

    /// <summary>ÖEBs sent to the accounting unit and not yet accepted or returned.</summary>
    Inbox = 4,

    /// <summary>Signers of the unit whose certificate is missing, expired or expiring within 60 days (identity administrator).</summary>
    CertificatesNeedingAttention = 5,

    /// <summary>Active people who held a role in the unit and hold none now (identity administrator).</summary>
    UsersWithoutRole = 6,

    /// <summary>The spending and accounting units of the organisation (system administrator).</summary>
    Units = 7,

    /// <summary>Active people who hold no role in any unit (system administrator).</summary>
    UsersWithoutAnyRole = 8,
}

/// <summary>
/// One count on the start page: how many of a kind of work wait in one unit for one of the person's roles; counts over the
/// whole organisation (system administrator) have <see cref="Guid.Empty"/> as their unit.
/// </summary>
public sealed record WaitingWork(WorkKind Kind, Role Role, Guid UnitId, string UnitName, int Count);
