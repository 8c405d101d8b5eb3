using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Catalog;

/// <summary>A catalogue entry as its edit form shows it, with the row version the form posts back.</summary>
public sealed record CatalogEntry<T>(T Type, uint FormVersion)
    where T : class;

/// <summary>
/// What the system administrator's catalogue use cases share: the role (in any unit; the catalogue is the whole
/// system's), the catalogue as the rules read it, and the save that refuses a form read before someone else's change.
/// </summary>
public sealed class CatalogAdministration(MysDbContext db)
{
    public static readonly Refusal NotAdministrator =
        new(RefusalKind.Forbidden, "forbidden", "Belge ve ödeme türü kataloğunu yalnızca sistem yöneticisi düzenleyebilir.");

    public static bool MayAdminister(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.HoldsAnywhere(Role.SystemAdministrator);
    }

    /// <summary>The document types and expense types as the rules read them.</summary>
    public async Task<Outcome<DocumentCatalog>> ViewAsync(Actor actor, CancellationToken ct) =>
        MayAdminister(actor) ? await DocumentCatalogLoader.LoadAsync(db, ct) : NotAdministrator;

    public uint VersionOf(object row) => (uint)db.Entry(row).Property(RowVersion.Property).CurrentValue!;

    /// <summary>Saves the changed row (and its audit event); the stale refusal (in the caller's words) when the row changed since the form was read.</summary>
    public async Task<Refusal?> SaveAsync(object row, uint formVersion, string staleMessage, ILogger logger, CancellationToken ct)
    {
        db.Entry(row).Property(RowVersion.Property).OriginalValue = formVersion;
        return await db.TrySaveChangesAsync(logger, ct) ? null : new Refusal(RefusalKind.Conflict, "stale", staleMessage);
    }
}
