using System.Text;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Tests.Validation;

[Collection(PkiCollection.Name)]
public sealed class CertificateFailureTests(PkiFixture fx)
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("ödeme emri eki");

    [Theory]
    [InlineData("expired", Indication.TotalFailed, SubIndication.Expired, "CERTIFICATE_EXPIRED")]
    [InlineData("not-yet-valid", Indication.TotalFailed, SubIndication.NotYetValid, "CERTIFICATE_NOT_YET_VALID")]
    [InlineData("revoked", Indication.TotalFailed, SubIndication.Revoked, "CERTIFICATE_REVOKED")]
    [InlineData("not-qualified", Indication.Indeterminate, SubIndication.ChainConstraintsFailure, "NOT_QUALIFIED")]
    [InlineData("wrong-key-usage", Indication.Indeterminate, SubIndication.ChainConstraintsFailure, "KEY_USAGE_NON_REPUDIATION_MISSING")]
    [InlineData("untrusted", Indication.Indeterminate, SubIndication.NoCertificateChainFound, "CHAIN_NOT_TRUSTED")]
    public async Task Each_failing_dev_certificate_gets_its_verdict(string id, Indication indication, SubIndication subIndication, string finding)
    {
        var cms = await TestCades.SignAsync(fx, Content, fx.Pki[id]);
        var report = await Validators.Online(fx).ValidateCadesAsync(cms, Content);
        var signature = report.Signatures.Single();
        signature.Indication.ShouldBe(indication, report.ToJson());
        signature.SubIndication.ShouldBe(subIndication, report.ToJson());
        signature.Findings.ShouldContain(f => f.StartsWith(finding, StringComparison.Ordinal));
        signature.Message.ShouldBe(ValidationMessages.For(subIndication));
    }

    [Fact]
    public async Task A_different_tckn_is_reported_so_the_caller_can_refuse_it()
    {
        var cms = await TestCades.SignAsync(fx, Content, fx.Pki["different-tckn"]);
        var report = await Validators.Online(fx).ValidateCadesAsync(cms, Content);
        report.Indication.ShouldBe(Indication.TotalPassed);
        report.Signatures.Single().Tckn.ShouldBe("89012345620");
        report.Signatures.Single().Tckn.ShouldNotBe(fx.Pki["ayse"].Tckn);
    }

    [Fact]
    public async Task Unreachable_OCSP_and_CRL_give_indeterminate_try_later()
    {
        var cms = await TestCades.SignAsync(fx, Content, fx.Pki["ayse"]);
        var report = await Validators.Unreachable(fx).ValidateCadesAsync(cms, Content);
        report.Indication.ShouldBe(Indication.Indeterminate);
        report.SubIndication.ShouldBe(SubIndication.TryLater);
        report.ToJson().ShouldContain("\"TRY_LATER\"");
        report.ToJson().ShouldContain("\"INDETERMINATE\"");
    }
}
