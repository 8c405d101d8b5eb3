using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Archive;
using Mys.Signing.Application.Scheduling;
using Mys.Signing.TestSupport.Signing;
using Shouldly;
using Xunit;

namespace Mys.Signing.Web.Tests.Signing;

public sealed class ArchiveJobRegistrationTests(SigningAppFixture fixture) : IClassFixture<SigningAppFixture>
{
    [Fact]
    public async Task The_archive_job_is_on_the_shared_scheduler_and_runs_with_the_signing_settings()
    {
        fixture.App.Services.GetServices<JobRegistration>().ShouldContain(r => r.Name == ArchiveTimeStampJob.Name && r.JobType == typeof(ArchiveTimeStampJob));
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<ArchiveTimeStampJob>();

        // Nothing is long-term in a fresh database: the run examines nothing and stamps nothing, without failing.
        await job.RunAsync(fixture.Clock.GetUtcNow(), CancellationToken.None);
    }
}
