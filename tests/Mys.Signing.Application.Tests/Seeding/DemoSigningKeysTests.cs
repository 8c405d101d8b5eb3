using Mys.Signing.Application.Seeding;

namespace Mys.Signing.Application.Tests.Seeding;

public sealed class DemoSigningKeysTests
{
    [Fact]
    public void The_demo_signing_takes_its_keys_through_an_interface_so_the_application_layer_does_not_reference_the_dev_pki()
    {
        ApplicationAssembly.Assembly.GetReferencedAssemblies().Select(a => a.Name).ShouldNotContain("Mys.Signing.DevPki");
        typeof(DemoSigning).GetConstructors().Single().GetParameters().Select(p => p.ParameterType).ShouldContain(typeof(IDemoSignerKeys));
    }
}
