using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mys.Signing.Infrastructure.Persistence.Migrations;

[DbContext(typeof(MysDbContext))]
[Migration("20261207110000_EInvoiceSignatureVerdict")]
public sealed class EInvoiceSignatureVerdict : SqlMigration;
