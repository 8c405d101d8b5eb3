using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mys.Signing.Infrastructure.Persistence.Migrations;

[DbContext(typeof(MysDbContext))]
[Migration("20261123110000_InvoiceOcrResults")]
public sealed class InvoiceOcrResults : SqlMigration;
