using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Catalog;

/// <summary>A catalogue entry as its edit form shows it, with the row version the form posts back.</summary>
public sealed record CatalogEntry<T>(T Type, uint FormVersion)
    where T : class;

/// <summary>The words and names of one kind of catalogue entry: its refusals, its audit event and how logs name it.</summary>
public sealed record CatalogEntryKind(Refusal NotFound, string StaleMessage, string AuditAction, string AuditEntityType, string LogName);

/// <summary>
/// Editing one catalogue entry (a document type, an expense type) the same way: only a system administrator, the row read
/// with its version for the form, the change validated by the domain (<c>CatalogEditing</c>), written with its audit
/// event, and refused when the form was read before someone else's change.
/// </summary>
public abstract class CatalogEntryEditing<TRow, T>(MysDbContext db, ILogger logger)
    where TRow : class
    where T : class
{
    protected MysDbContext Db => db;

    protected abstract CatalogEntryKind Kind { get; }

    public async Task<Outcome<CatalogEntry<T>>> OpenAsync(Actor actor, string code, CancellationToken ct)
    {
        var found = await FindAsync(actor, code, ct);
        return found.Value is { } row ? new CatalogEntry<T>(ToDomain(row), (uint)db.Entry(row).Property(RowVersion.Property).CurrentValue!) : found.Refusal!;
    }

    protected abstract Expression<Func<TRow, bool>> WithCode(string code);

    protected abstract T ToDomain(TRow row);

    protected abstract void CopyTo(TRow row, T type);

    /// <summary>The audit event's details: the entry as changed.</summary>
    protected abstract object AuditDetails(T type);

    /// <param name="formVersion">The row version when the form was read.</param>
    /// <param name="change">The domain's validated change of the entry as stored.</param>
    protected async Task<Outcome<T>> ChangeAsync(Actor actor, string code, uint formVersion, Func<T, CancellationToken, Task<Result<T>>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        var found = await FindAsync(actor, code, ct);
        if (found.Value is not { } row)
        {
            return found.Refusal!;
        }

        var changed = await change(ToDomain(row), ct);
        if (!changed.IsSuccess)
        {
            logger.LogInformation("{Entry} {Code} edit refused: {Error}", Kind.LogName, code, changed.Error);
            return new Refusal(RefusalKind.Unprocessable, changed.Error!.Code, changed.Error.Message);
        }

        CopyTo(row, changed.Value);
        db.Entry(row).Property(RowVersion.Property).OriginalValue = formVersion;
        db.RecordEvent(Kind.AuditAction, Kind.AuditEntityType, code, JsonSerializer.Serialize(AuditDetails(changed.Value)));
        if (!await db.TrySaveChangesAsync(logger, ct))
        {
            return new Refusal(RefusalKind.Conflict, "stale", Kind.StaleMessage);
        }

        logger.LogInformation("{Entry} {Code} changed", Kind.LogName, code);
        return changed.Value;
    }

    private async Task<Outcome<TRow>> FindAsync(Actor actor, string code, CancellationToken ct)
    {
        if (!CatalogAdministration.MayAdminister(actor))
        {
            return CatalogAdministration.NotAdministrator;
        }

        var row = await db.Set<TRow>().SingleOrDefaultAsync(WithCode(code), ct);
        return row is null ? Kind.NotFound : row;
    }
}
