using System.Text.Json;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>
/// "Yeni Sürüm Başlat": the data-entry officer continues a returned ÖEB as a new draft with the same content and
/// attachments, without signatures; the returned (signed) version stays as it is, read-only.
/// </summary>
public sealed class StartNewVersion(MysDbContext db, DataEntryOrders orders, ILogger<StartNewVersion> logger)
{
    /// <returns>The new draft.</returns>
    public async Task<Outcome<PaymentOrder>> RunAsync(Actor actor, Guid unitId, Guid id, CancellationToken ct)
    {
        var found = await orders.FindAsync(actor, unitId, id, ct);
        if (found.Value is not { } order)
        {
            return found.Refusal!;
        }

        PaymentOrder next;
        try
        {
            next = order.StartNewVersion(Guid.NewGuid(), new Domain.PaymentOrders.Actor(actor.Id, Role.DataEntryOfficer), orders.Support.Clock.GetUtcNow());
        }
        catch (DomainException ex)
        {
            logger.LogInformation("New version of ÖEB {OrderId} refused: {Message}", id, ex.Message);
            return orders.Refuse(new Refusal(RefusalKind.Conflict, "new version refused", ex.Message));
        }

        db.PaymentOrders.Add(next);
        db.RecordEvent("PaymentOrderNewVersionStarted", nameof(PaymentOrder), order.Id.ToString(),
            JsonSerializer.Serialize(new { number = order.Number.Value, returnedVersion = order.Version, newVersion = next.Version, newId = next.Id }));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("ÖEB {OrderId} continued as version {Version} ({NewId})", order.Id, next.Version, next.Id);
        return next;
    }
}
