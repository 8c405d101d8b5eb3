using Mys.Signing.Application.Verification;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Tests.Verification;

public class SignatureVerdictCheckTests
{
    [Fact]
    public void Passed_signatures_raise_no_problem()
    {
        var result = new ValidationReport { Indication = Indication.TotalPassed };
        result.Signatures.Add(new SignatureReport { Role = "Gerçekleştirme Görevlisi" });
        result.Signatures.Add(new SignatureReport { Role = "Harcama Yetkilisi" });

        SignatureVerdictCheck.SignatureProblems(result).ShouldBeEmpty();
        SignatureVerdictCheck.DocumentProblems(result).ShouldBeEmpty();
    }

    [Fact]
    public void Failing_signatures_are_listed_the_decisive_reason_first_with_their_findings()
    {
        var result = new ValidationReport();
        var unsure = new SignatureReport { Role = "Gerçekleştirme Görevlisi" };
        unsure.Fail(Indication.Indeterminate, SubIndication.TryLater, "OCSP_UNAVAILABLE", "İptal durumu öğrenilemedi.");
        var broken = new SignatureReport { FieldName = "HarcamaYetkilisi" };
        broken.Fail(Indication.TotalFailed, SubIndication.HashFailure, "DIGEST_MISMATCH", "Belge imzadan sonra değişmiş.");
        result.Signatures.Add(unsure);
        result.Signatures.Add(broken);
        result.Signatures.Add(new SignatureReport { Role = "Muhasebe Yetkilisi" });

        SignatureVerdictCheck.SignatureProblems(result).ShouldBe(
        [
            "HarcamaYetkilisi: Belge imzadan sonra değişmiş. (DIGEST_MISMATCH)",
            "Gerçekleştirme Görevlisi: İptal durumu öğrenilemedi. (OCSP_UNAVAILABLE)",
        ]);
    }

    [Fact]
    public void A_document_without_signatures_is_a_problem_with_the_validators_reason()
    {
        var result = new ValidationReport { Indication = Indication.TotalFailed, Message = "Belgede imza bulunamadı." };

        SignatureVerdictCheck.DocumentProblems(result).ShouldBe(["Belgede imza bulunamadı."]);
    }

    [Fact]
    public void Document_findings_are_a_problem_even_when_every_signature_passed()
    {
        var result = new ValidationReport { Message = "Son imzadan sonra imzasız baytlar var." };
        result.Signatures.Add(new SignatureReport());
        result.Findings.Add("UNSIGNED_BYTES_AFTER_LAST_REVISION");

        SignatureVerdictCheck.DocumentProblems(result).ShouldBe(["Son imzadan sonra imzasız baytlar var. (UNSIGNED_BYTES_AFTER_LAST_REVISION)"]);
    }
}
