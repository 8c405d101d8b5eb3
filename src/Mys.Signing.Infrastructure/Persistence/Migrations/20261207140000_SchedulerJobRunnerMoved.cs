using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mys.Signing.Infrastructure.Persistence.Migrations;

[DbContext(typeof(MysDbContext))]
[Migration("20261207140000_SchedulerJobRunnerMoved")]
public sealed class SchedulerJobRunnerMoved : SqlMigration;
