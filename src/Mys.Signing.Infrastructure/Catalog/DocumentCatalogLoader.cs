using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Catalog;

namespace Mys.Signing.Infrastructure.Catalog;

/// <summary>
/// The catalogue tables: seeded from <see cref="CatalogSeed"/> after migrating (only codes not stored yet are added,
/// so an administrator's later edits are kept), and loaded into a <see cref="DocumentCatalog"/> for the rules. Takes
/// the application's context as a plain <see cref="DbContext"/>: the migrator in Persistence seeds through it.
/// </summary>
public static class DocumentCatalogLoader
{
    public static async Task<DocumentCatalog> LoadAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var documentTypes = await db.DocumentTypes.AsNoTracking().ToListAsync(cancellationToken);
        var expenseTypes = await db.ExpenseTypes.AsNoTracking().ToListAsync(cancellationToken);
        return new DocumentCatalog(documentTypes.Select(t => t.ToDomain()), expenseTypes.Select(t => t.ToDomain()));
    }

    /// <summary>Adds the seed entries whose codes are missing; returns how many were added. Idempotent.</summary>
    public static async Task<int> SeedAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var haveDocuments = (await db.DocumentTypes.Select(t => t.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var haveExpenses = (await db.ExpenseTypes.Select(t => t.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var type in CatalogSeed.DocumentTypes().Where(t => !haveDocuments.Contains(t.Code)))
        {
            db.DocumentTypes.Add(DocumentTypeRow.From(type));
            added++;
        }

        foreach (var type in CatalogSeed.ExpenseTypes().Where(t => !haveExpenses.Contains(t.Code)))
        {
            db.ExpenseTypes.Add(ExpenseTypeRow.From(type));
            added++;
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return added;
    }
}
