using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Accounting;

/// <summary>The app with the dev PKI (so the demo data includes signed ÖEBs) on its own seeded database, plus the seeder.</summary>
public sealed class AccountingFixture : SignedDemoAppFixture;
