using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mys.Signing.Infrastructure.Persistence.Migrations;

[DbContext(typeof(MysDbContext))]
[Migration("20261121185000_SignedPaymentOrderDocuments")]
public sealed class SignedPaymentOrderDocuments : SqlMigration;
