namespace Mys.Signing.Architecture.Tests;

public class NamespaceCycleTests
{
    [Fact]
    public void No_two_folders_of_the_web_app_the_application_layer_or_the_cli_use_each_other()
    {
        var graph = NamespaceGraph.Build(
            [SolutionAssemblies.Application, SolutionAssemblies.Hosting, SolutionAssemblies.Web, SolutionAssemblies.Cli, SolutionAssemblies.DevPki]);

        var cycles = graph.Cycles();

        cycles.ShouldBeEmpty(string.Join("\n", cycles.Select(graph.Describe)));
    }

    [Fact]
    public void No_two_folders_of_the_lower_projects_use_each_other()
    {
        var graph = NamespaceGraph.Build(
            [SolutionAssemblies.Domain, SolutionAssemblies.Infrastructure, SolutionAssemblies.Signatures, SolutionAssemblies.Bridge]);

        var cycles = graph.Cycles();

        cycles.ShouldBeEmpty(string.Join("\n", cycles.Select(graph.Describe)));
    }

    [Fact]
    public void The_cycle_finder_finds_a_cycle_through_a_method_body()
    {
        // Guards the tests above: two namespaces of this test assembly use each other only inside method bodies.
        var graph = NamespaceGraph.Build(["Mys.Signing.Architecture.Tests"], "Mys.Signing.Architecture.Tests.Samples");

        var cycles = graph.Cycles();

        cycles.Count.ShouldBe(1);
        cycles[0].ShouldBe(["Mys.Signing.Architecture.Tests.Samples.Left", "Mys.Signing.Architecture.Tests.Samples.Right"], ignoreOrder: true);
    }
}
