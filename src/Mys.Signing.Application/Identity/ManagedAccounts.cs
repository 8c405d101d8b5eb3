using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Identity;

/// <summary>What the identity administrator's use cases read about the person they act on.</summary>
internal static class ManagedAccounts
{
    public static async Task<AccessHolder> HolderAsync(MysDbContext db, Guid userId, CancellationToken ct)
    {
        var active = await db.Users.Where(u => u.Id == userId).Select(u => u.IsActive).SingleAsync(ct);
        var assignments = await db.RoleAssignments.Where(a => a.UserId == userId && a.RevokedAt == null).ToListAsync(ct);
        return new AccessHolder(userId, active, assignments);
    }

    /// <summary>The unit pages only act on people who hold (or held) a role in that unit.</summary>
    public static Task<bool> BelongsToUnitAsync(MysDbContext db, Guid userId, Guid unitId, CancellationToken ct) =>
        db.RoleAssignments.AnyAsync(a => a.UserId == userId && a.UnitId == unitId, ct);

    /// <summary>The role-and-unit rules' refusals are the rules refusing (the page shows the message).</summary>
    public static Refusal Refused(DomainError error) => new(RefusalKind.Unprocessable, error.Code, error.Message);
}
