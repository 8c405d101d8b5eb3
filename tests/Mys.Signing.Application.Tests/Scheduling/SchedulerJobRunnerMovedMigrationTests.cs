using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Mys.Signing.Application.Scheduling;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Application.Tests.Scheduling;

/// <summary>A database scheduled before the Quartz adapter moved out of the web project keeps its jobs running.</summary>
public sealed class SchedulerJobRunnerMovedMigrationTests
{
    private const string OldRunner = "Mys.Signing.Web.Infrastructure.Scheduling.ScheduledJobRunner, Mys.Signing.Web";

    // What Quartz stores and loads: "namespace.type, assembly".
    private static readonly string Runner = $"{typeof(ScheduledJobRunner).FullName}, {typeof(ScheduledJobRunner).Assembly.GetName().Name}";

    [Fact]
    public async Task Stored_jobs_are_renamed_to_the_runner_of_the_application_layer_and_their_errored_triggers_rescheduled()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using (var db = new MysDbContext(DatabaseMigrator.Options(database.ConnectionString), new FixedAuditActorAccessor(AuditActor.System("t")), TimeProvider.System))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261207120000_QuartzScheduler");
        }

        await database.ExecuteAsync($"""
            INSERT INTO qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery)
            VALUES ('Mys', 'archive-time-stamps', 'mys', '{OldRunner}', true, true, false, true),
                   ('Mys', 'other', 'elsewhere', 'Some.Other.Job, Some.Other', true, false, false, false);
            INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, trigger_state, trigger_type, start_time)
            VALUES ('Mys', 'archive-time-stamps', 'mys', 'archive-time-stamps', 'mys', 'ERROR', 'CRON', 0),
                   ('Mys', 'other', 'elsewhere', 'other', 'elsewhere', 'ERROR', 'CRON', 0);
            """);

        await DatabaseMigrator.MigrateAsync(database.ConnectionString, appRole: null);

        (await database.ScalarAsync<string>("SELECT job_class_name FROM qrtz_job_details WHERE job_name = 'archive-time-stamps'")).ShouldBe(Runner);
        (await database.ScalarAsync<string>("SELECT trigger_state FROM qrtz_triggers WHERE trigger_name = 'archive-time-stamps'")).ShouldBe("WAITING");
        (await database.ScalarAsync<string>("SELECT job_class_name FROM qrtz_job_details WHERE job_name = 'other'")).ShouldBe("Some.Other.Job, Some.Other");
        (await database.ScalarAsync<string>("SELECT trigger_state FROM qrtz_triggers WHERE trigger_name = 'other'")).ShouldBe("ERROR");
    }
}
