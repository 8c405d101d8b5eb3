using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.TestSuite;

/// <summary>
/// One app on the default settings shared by classes that only read the demo data or work on ÖEBs of their own (and
/// lock, revoke or change nothing another class relies on): one app start instead of one per class. They run one after
/// another; a class that changes shared state (accounts, roles, the catalogue, a lockout) keeps its own
/// <see cref="IClassFixture{T}"/> of <see cref="WebAppFixture"/>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedDemoAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "shared demo app";
}
