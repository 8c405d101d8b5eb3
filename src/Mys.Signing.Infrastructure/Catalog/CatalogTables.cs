using Microsoft.EntityFrameworkCore;

namespace Mys.Signing.Infrastructure.Catalog;

/// <summary>
/// The catalogue's tables. Declared on <see cref="DbContext"/> rather than on the application's context, because the
/// migrator in Persistence seeds the catalogue and Persistence depends on no feature folder that depends on it.
/// </summary>
public static class CatalogTables
{
    extension(DbContext db)
    {
        public DbSet<DocumentTypeRow> DocumentTypes => db.Set<DocumentTypeRow>();

        public DbSet<ExpenseTypeRow> ExpenseTypes => db.Set<ExpenseTypeRow>();
    }
}
