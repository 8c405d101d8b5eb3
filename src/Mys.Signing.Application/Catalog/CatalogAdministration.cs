using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Infrastructure.Catalog;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Catalog;

/// <summary>
/// The system administrator's catalogue: who administers it (the role in any unit; the catalogue is the whole system's)
/// and the catalogue as the rules read it. The edits of its entries are <see cref="ChangeDocumentType"/> and <see cref="ChangeExpenseType"/>.
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
}
