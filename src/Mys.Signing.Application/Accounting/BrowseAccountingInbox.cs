using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Accounting;

/// <summary>The inbox as the page shows it: the unit's name, its spending units by name, and the page of ÖEBs (null when the filter was refused).</summary>
public sealed record AccountingInboxView(string UnitName, IReadOnlyDictionary<Guid, string> SpendingUnits, AccountingInboxPage? Page);

/// <summary>
/// The accounting officer or staff browses the ÖEBs sent to their accounting unit, filtered by state, spending unit,
/// sending days and a number or payee search (see <see cref="AccountingInboxQuery"/>).
/// </summary>
public sealed class BrowseAccountingInbox(MysDbContext db)
{
    public static readonly Refusal NotOfTheUnit = new(RefusalKind.Forbidden, "not-reviewer", "Bu muhasebe biriminin ÖEB'lerini görme yetkiniz yok.");

    /// <summary>With a null <paramref name="filter"/> (the page refused the one given) only the unit's names.</summary>
    public async Task<Outcome<AccountingInboxView>> RunAsync(Actor actor, Guid unitId, AccountingInboxFilter? filter, int pageNumber, int pageSize, CancellationToken ct)
    {
        if (AccountingReview.ReviewingRole(actor, unitId) is null)
        {
            return NotOfTheUnit;
        }

        var unitName = await db.AccountingUnits.Where(u => u.Id == unitId).Select(u => u.Name).SingleOrDefaultAsync(ct) ?? string.Empty;
        var spendingUnits = await db.SpendingUnits.AsNoTracking().Where(u => u.AccountingUnitId == unitId).OrderBy(u => u.Name)
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var page = filter is null ? null : await AccountingInboxQuery.RunAsync(db, filter with { AccountingUnitId = unitId }, pageNumber, pageSize, ct);
        return new AccountingInboxView(unitName, spendingUnits, page);
    }
}
