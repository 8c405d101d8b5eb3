using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mys.Signing.Infrastructure.Persistence.Migrations;

[DbContext(typeof(MysDbContext))]
[Migration("20261124100000_InvoiceOcrQueue")]
public sealed class InvoiceOcrQueue : SqlMigration;
