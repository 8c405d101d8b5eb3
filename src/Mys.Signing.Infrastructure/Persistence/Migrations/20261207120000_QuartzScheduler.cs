using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mys.Signing.Infrastructure.Persistence.Migrations;

[DbContext(typeof(MysDbContext))]
[Migration("20261207120000_QuartzScheduler")]
public sealed class QuartzScheduler : SqlMigration;
