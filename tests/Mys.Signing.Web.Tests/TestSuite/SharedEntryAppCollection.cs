using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.TestSuite;

/// <summary>
/// A second app shared like <see cref="SharedDemoAppCollection"/>, by classes that enter ÖEBs of their own through the
/// pages (valid, hostile and fuzzed forms and uploads) and assert on those ÖEBs only, or on counts taken before and after
/// within one test (the classes of a collection run one after another). Two collections rather than one so that the two
/// chains of classes run side by side.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedEntryAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "shared data entry app";
}
