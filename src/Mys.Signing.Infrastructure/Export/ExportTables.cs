using Microsoft.EntityFrameworkCore;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Infrastructure.Export;

/// <summary>The audit export packages. Declared here rather than on <see cref="MysDbContext"/>, so that Persistence knows no feature folder.</summary>
public static class ExportTables
{
    extension(MysDbContext db)
    {
        public DbSet<AuditExportPackage> AuditExportPackages => db.Set<AuditExportPackage>();
    }
}
