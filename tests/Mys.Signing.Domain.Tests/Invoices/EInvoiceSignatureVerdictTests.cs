using Mys.Signing.Domain.Invoices;

namespace Mys.Signing.Domain.Tests.Invoices;

public sealed class EInvoiceSignatureVerdictTests
{
    [Theory]
    [InlineData(EInvoiceVerdictStatus.Verified, true)]
    [InlineData(EInvoiceVerdictStatus.VerifiedNonStandardEncoding, true)]
    [InlineData(EInvoiceVerdictStatus.Altered, false)]
    [InlineData(EInvoiceVerdictStatus.SignatureInvalid, false)]
    [InlineData(EInvoiceVerdictStatus.NotSigned, false)]
    [InlineData(EInvoiceVerdictStatus.CouldNotCheck, false)]
    public void Only_a_signature_that_verified_counts_as_verified(EInvoiceVerdictStatus status, bool verified)
    {
        var verdict = new EInvoiceSignatureVerdict(status, "m", null, null, null, DateTimeOffset.UnixEpoch, null);

        verdict.IsVerified.ShouldBe(verified);
        verdict.StatusLabel.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_non_standard_encoding_is_labelled_as_verified_not_as_altered()
    {
        EInvoiceSignatureVerdict.Label(EInvoiceVerdictStatus.VerifiedNonStandardEncoding).ShouldStartWith("İmza doğrulandı");
        EInvoiceSignatureVerdict.Label(EInvoiceVerdictStatus.CouldNotCheck).ShouldNotContain("doğrulandı");
    }
}
