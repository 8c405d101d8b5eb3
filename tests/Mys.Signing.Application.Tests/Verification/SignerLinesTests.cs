using System.Security.Cryptography;
using System.Text;
using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using static Mys.Signing.Application.Tests.Verification.ReportTestData;

namespace Mys.Signing.Application.Tests.Verification;

/// <summary>The signer lines put together: every check of a signature lands in its line's message and in the report's problems.</summary>
public class SignerLinesTests
{
    // Three revisions: rendered ÖEB, realization officer's signature, spending authority's signature.
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7 rendered %%EOF realization %%EOF spending %%EOF");
    private static readonly long FirstEnd = Encoding.ASCII.GetByteCount("%PDF-1.7 rendered %%EOF realization %%EOF");
    private static readonly long SecondEnd = Pdf.Length;

    private static readonly Actor Realization = new(Guid.NewGuid(), Role.RealizationOfficer);
    private static readonly Actor Authority = new(Guid.NewGuid(), Role.SpendingAuthority);

    private static readonly SignerEvidence Evidence = new(new Dictionary<Guid, RecordedSigner>
    {
        [Realization.UserId] = new("Ayşe Yılmaz", Tckn),
        [Authority.UserId] = new("Mehmet Kaya", OtherTckn),
    }, OfficerHeldRole: false);

    private static string Revision(long end) => Convert.ToHexStringLower(SHA256.HashData(Pdf.AsSpan(0, (int)end)));

    private static PaymentOrder SignedOrder()
    {
        var context = new RuleContext(CatalogSeed.Catalog(), EmptyContractHistory.Instance, RuleOptions.Default, Today);
        var order = Order(EInvoiceLink(Guid.NewGuid()));
        order.SubmitForSignature(new Actor(Guid.NewGuid(), Role.DataEntryOfficer), Now, PaymentOrderRuleSet.Default, context).IsSatisfied.ShouldBeTrue();
        order.RecordRealizationSignature(Realization, Now, Revision(FirstEnd), PaymentOrderRuleSet.Default, context).IsSatisfied.ShouldBeTrue();
        order.RecordSpendingAuthoritySignature(Authority, Now.AddMinutes(5), Revision(SecondEnd), PaymentOrderRuleSet.Default, context).IsSatisfied.ShouldBeTrue();
        return order;
    }

    private static FoundSignature Found(string field, long end, string? tckn) =>
        new(new PdfSignatureInfo(field, "Sig", "ETSI.CAdES.detached", [0, 10, 20, end - 20], [], null), Signature(tckn));

    [Fact]
    public void Both_signatures_in_order_by_the_recorded_people_over_the_recorded_revisions_hold()
    {
        var report = Report();

        SignerLines.Add(report, SignedOrder(), Pdf, [Found(SignerFields.RealizationOfficer, FirstEnd, Tckn), Found(SignerFields.SpendingAuthority, SecondEnd, OtherTckn)], Evidence);

        report.Problems.ShouldBeEmpty();
        report.Signers.Select(s => (s.FieldName, s.ExpectedTckn, s.FoundTckn, s.Holds, s.Message)).ShouldBe(
        [
            (SignerFields.RealizationOfficer, Tckn, Tckn, true, "İmza ÖEB kaydıyla uyumlu."),
            (SignerFields.SpendingAuthority, OtherTckn, OtherTckn, true, "İmza ÖEB kaydıyla uyumlu."),
        ]);
    }

    [Fact]
    public void Swapped_fields_fail_order_and_binding_together_in_the_line_message()
    {
        var report = Report();

        SignerLines.Add(report, SignedOrder(), Pdf, [Found(SignerFields.SpendingAuthority, FirstEnd, OtherTckn), Found(SignerFields.RealizationOfficer, SecondEnd, Tckn)], Evidence);

        var first = report.Signers[0];
        first.Holds.ShouldBeFalse();
        first.Message.ShouldBe("İmza sırası yanlış: 1. imza Gerçekleştirme Görevlisi imzası olmalı, belgede Harcama Yetkilisi alanında. "
                               + "Gerçekleştirme Görevlisi alanını imzalayan kişi ÖEB'de kayıtlı Gerçekleştirme Görevlisi değil.");
        report.Problems.Count.ShouldBe(4);
    }

    [Fact]
    public void A_missing_second_signature_is_a_failed_line_and_the_optional_officer_line_is_left_out()
    {
        var report = Report();

        SignerLines.Add(report, SignedOrder(), Pdf, [Found(SignerFields.RealizationOfficer, FirstEnd, Tckn)], Evidence);

        report.Signers.Count.ShouldBe(2);
        report.Signers[1].ShouldBe(new SignerCheck("Harcama Yetkilisi", SignerFields.SpendingAuthority, "Mehmet Kaya", OtherTckn, null, null, null, null, null, false, "-", false,
            "Harcama Yetkilisi imzası belgede yok."));
        report.Problems.ShouldBe(["Harcama Yetkilisi imzası belgede yok."]);
    }

    [Fact]
    public void An_officer_signature_nobody_recorded_and_signatures_after_it_are_problems()
    {
        var report = Report();
        FoundSignature[] found =
        [
            Found(SignerFields.RealizationOfficer, FirstEnd, Tckn), Found(SignerFields.SpendingAuthority, SecondEnd, OtherTckn),
            Found(SignerFields.AccountingOfficer, SecondEnd, "10000000146"), Found("Signature4", SecondEnd, null),
        ];

        SignerLines.Add(report, SignedOrder(), Pdf, found, Evidence);

        report.Signers[2].Holds.ShouldBeFalse();
        report.Problems.ShouldBe(
        [
            "Muhasebe Yetkilisi alanında Ayşe Yılmaz imzası var, ancak ÖEB muhasebe yetkilisince imzalanarak kayda alınmadı.",
            "Belgede beklenmeyen imza: Signature4.",
        ]);
    }
}
