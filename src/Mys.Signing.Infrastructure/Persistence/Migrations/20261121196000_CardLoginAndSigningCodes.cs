using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mys.Signing.Infrastructure.Persistence.Migrations;

[DbContext(typeof(MysDbContext))]
[Migration("20261121196000_CardLoginAndSigningCodes")]
public sealed class CardLoginAndSigningCodes : SqlMigration;
