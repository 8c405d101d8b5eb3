using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Web.Tests.TestSuite;

/// <summary>
/// One signing app (<see cref="SigningAppFixture"/>: dev PKI, fake clock, NSS database) shared by classes that sign ÖEBs
/// of their own through the API and only read the clock: one app start, database copy and NSS database instead of one
/// per class. Classes that move the clock (<c>SigningSessionLifetimeTests</c>), revoke a role
/// (<c>AccountingOfficerSigningTests</c>) or run a job over every ÖEB (<c>ArchiveJobRegistrationTests</c>) keep their own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedSigningAppCollection : ICollectionFixture<SigningAppFixture>
{
    public const string Name = "shared signing app";
}
