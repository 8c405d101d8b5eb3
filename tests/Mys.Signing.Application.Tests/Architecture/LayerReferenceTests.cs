using System.Reflection;
using Mys.Signing.Application;

namespace Mys.Signing.Application.Tests.Architecture;

public class LayerReferenceTests
{
    [Fact]
    public void The_application_layer_references_no_front_end()
    {
        var referenced = ApplicationAssembly.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToHashSet();

        referenced.ShouldNotContain("Mys.Signing.Web");
        referenced.ShouldNotContain("Mys.Signing.Cli");
        referenced.ShouldNotContain("Mys.Signing.Bridge");
        referenced.ShouldNotContain("Microsoft.AspNetCore.Mvc.RazorPages");
    }
}
