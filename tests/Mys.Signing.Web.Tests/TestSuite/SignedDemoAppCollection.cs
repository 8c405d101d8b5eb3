using Mys.Signing.Web.Tests.Accounting;

namespace Mys.Signing.Web.Tests.TestSuite;

/// <summary>
/// One app with the dev PKI (<see cref="AccountingFixture"/>) shared by classes that work only on signed ÖEBs they seed
/// themselves and look at nothing else in the database (no inbox list, no export of a day, no job over every ÖEB):
/// one database and app start instead of one per class. They run one after another. A class that lists or exports
/// whatever is in the database (<c>AccountingReviewTests</c>' inbox, the audit exports, <c>InvoiceOcrTests</c>' job over
/// the whole OCR queue) keeps its own <see cref="IClassFixture{T}"/>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SignedDemoAppCollection : ICollectionFixture<AccountingFixture>
{
    public const string Name = "shared signed demo app";
}
