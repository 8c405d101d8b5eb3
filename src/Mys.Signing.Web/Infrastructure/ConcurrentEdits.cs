using Microsoft.EntityFrameworkCore;

namespace Mys.Signing.Web.Infrastructure;

/// <summary>
/// Forwards to <see cref="Mys.Signing.Application.Common.ConcurrentEdits"/>, the one "save or tell the user someone else changed it"
/// helper, for the pages not yet moved onto use cases (Pages/Accounting); delete once nothing in Web calls it.
/// </summary>
public static class ConcurrentEdits
{
    public static Task<bool> TrySaveChangesAsync(this DbContext db, ILogger logger, CancellationToken ct) =>
        Mys.Signing.Application.Common.ConcurrentEdits.TrySaveChangesAsync(db, logger, ct);
}
