using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Tests.Validation;

[Collection(PkiCollection.Name)]
public sealed class CertificatePrecheckTests(PkiFixture fx)
{
    [Theory]
    [InlineData("ayse", Indication.TotalPassed, SubIndication.None)]
    [InlineData("mehmet", Indication.TotalPassed, SubIndication.None)]
    [InlineData("expired", Indication.TotalFailed, SubIndication.Expired)]
    [InlineData("not-yet-valid", Indication.TotalFailed, SubIndication.NotYetValid)]
    [InlineData("revoked", Indication.TotalFailed, SubIndication.Revoked)]
    [InlineData("not-qualified", Indication.Indeterminate, SubIndication.ChainConstraintsFailure)]
    [InlineData("wrong-key-usage", Indication.Indeterminate, SubIndication.ChainConstraintsFailure)]
    [InlineData("untrusted", Indication.Indeterminate, SubIndication.NoCertificateChainFound)]
    public async Task The_certificate_the_bridge_reports_is_checked_before_prepare(string id, Indication indication, SubIndication subIndication)
    {
        var entry = fx.Pki[id];
        var report = await Validators.Online(fx).CheckSigningCertificateAsync(entry.CertificateDer, fx.Pki.ChainFor(entry).Select(c => c.GetEncoded()));
        report.Indication.ShouldBe(indication, string.Join("; ", report.Findings));
        report.SubIndication.ShouldBe(subIndication);
        report.Tckn.ShouldBe(entry.Tckn);
    }

    [Fact]
    public async Task Without_revocation_sources_the_precheck_is_indeterminate()
    {
        var entry = fx.Pki["ayse"];
        var report = await Validators.Unreachable(fx).CheckSigningCertificateAsync(entry.CertificateDer, fx.Pki.ChainFor(entry).Select(c => c.GetEncoded()));
        report.SubIndication.ShouldBe(SubIndication.TryLater);
    }
}
