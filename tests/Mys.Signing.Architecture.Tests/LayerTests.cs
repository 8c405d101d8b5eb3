namespace Mys.Signing.Architecture.Tests;

public class LayerTests
{
    [Theory]
    [InlineData(SolutionAssemblies.Domain, new string[0])]
    [InlineData(SolutionAssemblies.Infrastructure, new[] { SolutionAssemblies.Domain })]
    [InlineData(SolutionAssemblies.Signatures, new[] { SolutionAssemblies.Domain })]
    [InlineData(SolutionAssemblies.Application, new[] { SolutionAssemblies.Domain, SolutionAssemblies.Infrastructure, SolutionAssemblies.Signatures })]
    [InlineData(SolutionAssemblies.Hosting, new[] { SolutionAssemblies.Domain, SolutionAssemblies.Infrastructure, SolutionAssemblies.Signatures, SolutionAssemblies.Application, SolutionAssemblies.DevPki })]
    [InlineData(SolutionAssemblies.Cli, new[] { SolutionAssemblies.Domain, SolutionAssemblies.Infrastructure, SolutionAssemblies.Signatures, SolutionAssemblies.Application, SolutionAssemblies.DevPki, SolutionAssemblies.Hosting })]
    public void Each_project_references_only_the_layers_below_it(string assembly, string[] allowed)
    {
        var ours = SolutionAssemblies.ReferencesOf(assembly).Where(SolutionAssemblies.All.Contains);

        ours.ShouldBeSubsetOf(allowed, $"{assembly} references {string.Join(", ", ours)}");
    }

    [Fact]
    public void The_web_app_holds_no_scheduled_job()
    {
        var jobs = SolutionAssemblies.TypesOf(SolutionAssemblies.Web)
            .Where(IsJob)
            .Select(t => t.FullName);

        jobs.ShouldBeEmpty();
    }

    [Fact]
    public void Every_scheduled_job_lives_in_the_application_layer()
    {
        var outside = SolutionAssemblies.All.Where(a => a != SolutionAssemblies.Application)
            .SelectMany(SolutionAssemblies.TypesOf)
            .Where(IsJob)
            .Select(t => t.FullName);

        outside.ShouldBeEmpty();
    }

    [Fact]
    public void The_job_finder_sees_the_application_layers_jobs()
    {
        // Guards the two tests above against a renamed job interface.
        SolutionAssemblies.TypesOf(SolutionAssemblies.Application).Count(IsJob).ShouldBeGreaterThanOrEqualTo(4);
    }

    [Theory]
    [InlineData("Seeding")]
    [InlineData("Archive")]
    [InlineData("Scheduling")]
    public void The_web_app_has_no_use_case_folder(string folder)
    {
        // Pages and endpoints may be named for a feature (Pages/Admin/Jobs), the work itself lives in Application.<Feature>.
        var types = SolutionAssemblies.TypesOf(SolutionAssemblies.Web)
            .Where(t => SolutionAssemblies.NamespaceOf(t) is { } ns && ns.StartsWith($"{SolutionAssemblies.Web}.Infrastructure.{folder}", StringComparison.Ordinal))
            .Select(t => t.FullName);

        types.ShouldBeEmpty();
    }

    [Fact]
    public void The_application_layer_knows_no_http()
    {
        var httpUsers = SolutionAssemblies.TypesOf(SolutionAssemblies.Application)
            .Where(t => TypeDependencies.Of(t).Any(d => d.FullName is "Microsoft.AspNetCore.Http.IHttpContextAccessor" or "Microsoft.AspNetCore.Http.HttpContext"
                or "Microsoft.AspNetCore.Http.StatusCodes" or "Microsoft.AspNetCore.Http.IResult"
                || d.Namespace?.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal) == true))
            .Select(t => t.FullName);

        httpUsers.ShouldBeEmpty();
    }

    private static bool IsJob(Type type) =>
        type is { IsClass: true, IsAbstract: false }
        && type.GetInterfaces().Any(i => i.FullName == "Quartz.IJob"
            || (i.Name == "IScheduledJob" && i.Namespace?.StartsWith("Mys.Signing.", StringComparison.Ordinal) == true));
}
