using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.Organisation;

namespace Mys.Signing.Domain.Access;

/// <summary>A role held by a user in a unit, from its grant until its revocation. Never deleted: revoked assignments stay as history.</summary>
public sealed class RoleAssignment
{
    private RoleAssignment(Guid id, Guid userId, Role role, Guid? unitId, DateTimeOffset grantedAt, Guid grantedBy, string grantReason)
    {
        Id = id;
        UserId = userId;
        Role = role;
        UnitId = unitId;
        UnitKind = role.Scope();
        GrantedAt = grantedAt;
        GrantedBy = grantedBy;
        GrantReason = grantReason;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public Role Role { get; private set; }

    /// <summary>The spending or accounting unit; null only for <see cref="Role.SystemAdministrator"/>.</summary>
    public Guid? UnitId { get; private set; }

    public UnitKind? UnitKind { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }

    public Guid GrantedBy { get; private set; }

    public string GrantReason { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public Guid? RevokedBy { get; private set; }

    public string? RevokeReason { get; private set; }

    public bool IsActive => RevokedAt is null;

    public bool Covers(Role role, Guid? unitId) => IsActive && Role == role && UnitId == unitId;

    /// <summary>The first system administrator of an installation: nobody exists yet who could grant the role.</summary>
    public static RoleAssignment BootstrapSystemAdministrator(Guid userId, DateTimeOffset at) =>
        new(Guid.NewGuid(), userId, Role.SystemAdministrator, null, at, Guid.Empty, "Kurulum: ilk sistem yöneticisi");

    internal static RoleAssignment Create(Guid userId, Role role, Guid? unitId, DateTimeOffset at, Guid grantedBy, string reason)
    {
        if ((role.Scope() is null) != (unitId is null))
        {
            throw new DomainException("ROLE_SCOPE", "Rolün birimi rol türüyle uyumlu değil.");
        }

        return new RoleAssignment(Guid.NewGuid(), userId, role, unitId, at, grantedBy, reason);
    }

    internal void Revoke(DateTimeOffset at, Guid revokedBy, string reason)
    {
        if (!IsActive)
        {
            throw new DomainException("ROLE_ALREADY_REVOKED", "Bu rol ataması zaten kaldırılmış.");
        }

        RevokedAt = at;
        RevokedBy = revokedBy;
        RevokeReason = reason;
    }
}
