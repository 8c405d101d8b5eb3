using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mys.Signing.Infrastructure.Persistence.Migrations;

[DbContext(typeof(MysDbContext))]
[Migration("20261122120000_SigningCodesExpiresAtIndex")]
public sealed class SigningCodesExpiresAtIndex : SqlMigration;
