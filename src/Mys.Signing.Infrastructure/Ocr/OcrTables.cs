using Microsoft.EntityFrameworkCore;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Infrastructure.Ocr;

/// <summary>The invoice OCR results. Declared here rather than on <see cref="MysDbContext"/>, so that Persistence knows no feature folder.</summary>
public static class OcrTables
{
    extension(MysDbContext db)
    {
        public DbSet<InvoiceOcrResult> InvoiceOcrResults => db.Set<InvoiceOcrResult>();
    }
}
