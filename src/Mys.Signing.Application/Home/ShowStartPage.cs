using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Certificates;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Home;

/// <summary>
/// The start page: for each role the person holds, in each unit they hold it, how much work waits for them. Only the
/// units of the actor's own active assignments are read, so nothing of another unit is counted; the system administrator,
/// whose role spans the organisation, gets counts over every unit (<see cref="SystemAdministratorWork"/>).
/// </summary>
public sealed class ShowStartPage(MysDbContext db, SignerCertificateStatusService certificates, SystemAdministratorWork systemWork)
{
    private static readonly Role[] SigningRoles = [Role.RealizationOfficer, Role.SpendingAuthority, Role.AccountingOfficer];

    public async Task<IReadOnlyList<WaitingWork>> RunAsync(Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsActive)
        {
            return [];
        }

        var work = new List<WaitingWork>();
        if (actor.Assignments.Any(a => a.IsActive && a.Role == Role.SystemAdministrator))
        {
            work.AddRange(await systemWork.RunAsync(ct));
        }

        foreach (var assignment in actor.Assignments.Where(a => a.IsActive && a.UnitId is not null).OrderBy(a => a.Role))
        {
            var unitId = assignment.UnitId!.Value;
            switch (assignment.Role)
            {
                case Role.RealizationOfficer:
                    work.Add(await OrdersAsync(WorkKind.AwaitingMySignature, assignment.Role, unitId, PaymentOrderStatus.AwaitingRealizationSignature, ct));
                    break;
                case Role.SpendingAuthority:
                    work.Add(await OrdersAsync(WorkKind.AwaitingMySignature, assignment.Role, unitId, PaymentOrderStatus.AwaitingSpendingAuthoritySignature, ct));
                    break;
                case Role.DataEntryOfficer:
                    work.Add(await OrdersAsync(WorkKind.Returned, assignment.Role, unitId, PaymentOrderStatus.Returned, ct));
                    work.Add(await OrdersAsync(WorkKind.Draft, assignment.Role, unitId, PaymentOrderStatus.Draft, ct));
                    break;
                case Role.AccountingOfficer or Role.AccountingStaff:
                    work.Add(await InboxAsync(assignment.Role, unitId, ct));
                    break;
                case Role.IdentityAdministrator:
                    work.AddRange(await UnitPeopleAsync(unitId, ct));
                    break;
            }
        }

        return work;
    }

    private async Task<WaitingWork> OrdersAsync(WorkKind kind, Role role, Guid unitId, PaymentOrderStatus status, CancellationToken ct)
    {
        var orders = db.PaymentOrders.AsNoTracking().Where(o => o.SpendingUnitId == unitId && o.Status == status);
        if (status == PaymentOrderStatus.Returned)
        {
            // A returned ÖEB whose new version is started is no longer waiting: the draft is.
            orders = orders.Where(o => o.NextVersionId == null);
        }

        return new WaitingWork(kind, role, unitId, await SpendingUnitNameAsync(unitId, ct), await orders.CountAsync(ct));
    }

    private async Task<WaitingWork> InboxAsync(Role role, Guid unitId, CancellationToken ct)
    {
        var name = await db.AccountingUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).SingleOrDefaultAsync(ct) ?? string.Empty;
        var count = await db.PaymentOrders.AsNoTracking()
            .CountAsync(o => o.AccountingUnitId == unitId && o.Status == PaymentOrderStatus.SentToAccounting, ct);
        return new WaitingWork(WorkKind.Inbox, role, unitId, name, count);
    }

    private async Task<IReadOnlyList<WaitingWork>> UnitPeopleAsync(Guid unitId, CancellationToken ct)
    {
        var name = await SpendingUnitNameAsync(unitId, ct);
        var signers = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.UnitId == unitId && a.RevokedAt == null && SigningRoles.Contains(a.Role))
            .Join(db.Users.AsNoTracking().Where(u => u.IsActive), a => a.UserId, u => u.Id, (a, u) => u.Id)
            .Distinct().ToListAsync(ct);
        var statuses = await certificates.GetManyAsync(signers, ct);
        var needingAttention = statuses.Values.Count(s => s.NeedsAttention || s.BlocksSigning);
        var withoutRole = await db.Users.AsNoTracking()
            .Where(u => u.IsActive
                && db.RoleAssignments.Any(a => a.UserId == u.Id && a.UnitId == unitId)
                && !db.RoleAssignments.Any(a => a.UserId == u.Id && a.RevokedAt == null))
            .CountAsync(ct);
        return
        [
            new WaitingWork(WorkKind.CertificatesNeedingAttention, Role.IdentityAdministrator, unitId, name, needingAttention),
            new WaitingWork(WorkKind.UsersWithoutRole, Role.IdentityAdministrator, unitId, name, withoutRole),
        ];
    }

    private async Task<string> SpendingUnitNameAsync(Guid unitId, CancellationToken ct) =>
        await db.SpendingUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).SingleOrDefaultAsync(ct) ?? string.Empty;
}
