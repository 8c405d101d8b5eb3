using Mys.Signing.TestSupport.Pki;

namespace Mys.Signing.DevPki.Tests;

[CollectionDefinition(Name)]
public sealed class PkiCollection : ICollectionFixture<PkiFixture>
{
    public const string Name = "dev-pki";
}
