using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Infrastructure.Catalog;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>What the ÖEB pages share: the catalogue, the rule context of the moment, the row version, the upload limit.</summary>
public sealed class PaymentOrderSupport(MysDbContext db, TimeProvider clock, IConfiguration configuration)
{
    /// <summary>Default per-file upload limit (<c>Mys:Attachments:MaxFileBytes</c>).</summary>
    public const long DefaultMaxFileBytes = 50L * 1024 * 1024;

    /// <summary>Default cap on the total size of one ÖEB's files (<c>Mys:Attachments:MaxTotalBytesPerOrder</c>).</summary>
    public const long DefaultMaxTotalBytesPerOrder = 200L * 1024 * 1024;

    private DocumentCatalog? _catalog;

    public long MaxFileBytes => configuration.GetValue("Mys:Attachments:MaxFileBytes", DefaultMaxFileBytes);

    public long MaxTotalBytesPerOrder => configuration.GetValue("Mys:Attachments:MaxTotalBytesPerOrder", DefaultMaxTotalBytesPerOrder);

    public TimeProvider Clock => clock;

    public async Task<DocumentCatalog> CatalogAsync(CancellationToken ct) => _catalog ??= await DocumentCatalogLoader.LoadAsync(db, ct);

    /// <summary>Uses a catalogue read already (the export reads it once for all its ÖEBs).</summary>
    public void UseCatalog(DocumentCatalog catalog) => _catalog = catalog;

    public async Task<RuleContext> RuleContextAsync(PaymentOrder order, CancellationToken ct) =>
        RuleContext.Create(await CatalogAsync(ct), await StoredContractHistory.PreloadAsync(db, order, ct), RuleOptions.Default, clock);

    /// <summary>The order of this unit, tracked; null if there is none (404).</summary>
    public Task<PaymentOrder?> FindAsync(Guid unitId, Guid id, CancellationToken ct) =>
        db.PaymentOrders.SingleOrDefaultAsync(o => o.Id == id && o.SpendingUnitId == unitId, ct);

    public uint RowVersionOf(PaymentOrder order) => db.Entry(order).Property<uint>(RowVersion.PaymentOrderProperty).CurrentValue;

    /// <summary>Makes the save refuse a form rendered from an older version of the row.</summary>
    public void ExpectRowVersion(PaymentOrder order, uint formVersion) =>
        db.Entry(order).Property<uint>(RowVersion.PaymentOrderProperty).OriginalValue = formVersion;
}
