using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mys.Signing.Infrastructure.Persistence.Migrations;

[DbContext(typeof(MysDbContext))]
[Migration("20261121220000_Retention")]
public sealed class Retention : SqlMigration;
