using Microsoft.EntityFrameworkCore;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Infrastructure.PaymentOrders;

/// <summary>The structured documents. Declared here rather than on <see cref="MysDbContext"/>, so that Persistence knows no feature folder.</summary>
public static class PaymentOrderTables
{
    extension(MysDbContext db)
    {
        public DbSet<StructuredDocumentRecord> StructuredDocuments => db.Set<StructuredDocumentRecord>();
    }
}
