using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing.Codes;

namespace Mys.Signing.Application.Signing.Codes;

/// <summary>One ÖEB a code was issued for, as the page shows it once the agent is done: signed by the code's owner or not.</summary>
public sealed record CodeTargetResult(Guid Id, string Number, int Version, bool SignedByOwner, PaymentOrderStatus Status, string StatusName);

/// <summary>
/// What a finished code signed: the code's ÖEBs with whether its owner's signature is now on each, so the signing page
/// ends with what was signed instead of reloading into "nothing waits for you". Only the code's owner asks (the
/// endpoint finds the code by its owner).
/// </summary>
public sealed class CodeSigningResult(MysDbContext db)
{
    public async Task<IReadOnlyList<CodeTargetResult>> RunAsync(SigningCode code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(code);
        var targets = JsonSerializer.Deserialize<List<Guid>>(code.Targets) ?? [];
        var orders = await db.PaymentOrders.AsNoTracking().Where(o => targets.Contains(o.Id)).ToListAsync(ct);
        return orders
            .OrderBy(o => targets.IndexOf(o.Id))
            .Select(o => new CodeTargetResult(
                o.Id, o.Number.Value, o.Version,
                o.RealizationSignature?.SignerId == code.UserId || o.SpendingAuthoritySignature?.SignerId == code.UserId,
                o.Status, o.Status.TurkishName()))
            .ToList();
    }
}
