using Microsoft.EntityFrameworkCore;

namespace Mys.Signing.Application.Common;

/// <summary>
/// Optimistic concurrency for the use cases and pages: rows carry a version (<c>xmin</c>); a form posted with the version it was read
/// at fails to save when someone else changed the row since. The caller then tells the user in its own words.
/// </summary>
public static class ConcurrentEdits
{
    /// <summary>
    /// Saves the changes; false when a row was changed by someone else since it was read. Then nothing was saved, the
    /// refusal is logged and the change tracker is cleared, so the caller can reload the current state.
    /// </summary>
    public static async Task<bool> TrySaveChangesAsync(this DbContext db, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(logger);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException e)
        {
            logger.LogInformation("Save refused: {Rows} changed by someone else since the form was read",
                string.Join(", ", e.Entries.Select(entry => entry.Metadata.ClrType.Name + " "
                    + string.Join("/", entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name).CurrentValue) ?? []))));
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
