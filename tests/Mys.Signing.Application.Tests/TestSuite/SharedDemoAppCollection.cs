using Mys.Signing.TestSupport;

namespace Mys.Signing.Application.Tests.TestSuite;

/// <summary>
/// One app on the default settings shared by use-case classes that read the demo data or work on ÖEBs of their own and
/// compare counts taken within one test (the classes of a collection run one after another): one app start and one
/// database copy instead of one per class. A class that changes what others rely on (a password, the catalogue, role
/// grants, many rows for a count cap) keeps its own <see cref="IClassFixture{T}"/> of <see cref="WebAppFixture"/>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedDemoAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "shared demo app";
}
