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
        unsure.Fail(Indication.Indeterminate, SubIndication.TryLater, "REVOCATION_DATA_UNAVAILABLE", "İptal durumu öğrenilemedi.");
        var broken = new SignatureReport { FieldName = "HarcamaYetkilisi" };
        broken.Fail(Indication.TotalFailed, SubIndication.HashFailure, "MESSAGE_DIGEST_MISMATCH: 1 0 obj", "Belge imzadan sonra değişmiş.");
        result.Signatures.Add(unsure);
        result.Signatures.Add(broken);
        result.Signatures.Add(new SignatureReport { Role = "Muhasebe Yetkilisi" });

        SignatureVerdictCheck.SignatureProblems(result).ShouldBe(
        [
            "HarcamaYetkilisi: Belge imzadan sonra değişmiş. İmzalanan içerik değiştirilmiş: belgenin özet değeri imzadaki değerle tutmuyor. (kod: MESSAGE_DIGEST_MISMATCH)",
            "Gerçekleştirme Görevlisi: İptal durumu öğrenilemedi. Sertifikanın iptal durumu alınamadı (OCSP/SİL erişilemiyor). (kod: REVOCATION_DATA_UNAVAILABLE)",
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

        SignatureVerdictCheck.DocumentProblems(result).ShouldBe(
            ["Son imzadan sonra imzasız baytlar var. Belgenin son sürümünden sonra hiçbir imzanın kapsamadığı baytlar eklenmiş. (kod: UNSIGNED_BYTES_AFTER_LAST_REVISION)"]);
    }

    [Fact]
    public void A_finding_the_reason_already_explains_is_not_said_twice_but_its_code_is_kept()
    {
        var result = new ValidationReport();
        var signature = new SignatureReport { Role = "Harcama Yetkilisi" };
        signature.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "UNSIGNED_BYTES_AFTER_LAST_REVISION: 12 bytes after offset 3456");
        result.Signatures.Add(signature);

        var problem = SignatureVerdictCheck.SignatureProblems(result).Single();

        problem.ShouldStartWith("Harcama Yetkilisi: Belgenin son sürümünden sonra hiçbir imzanın kapsamadığı baytlar eklenmiş;");
        problem.ShouldEndWith("(kod: UNSIGNED_BYTES_AFTER_LAST_REVISION)");
        problem.Split("hiçbir imzanın kapsamadığı").Length.ShouldBe(2, problem);
        problem.ShouldNotContain("bytes after offset", Case.Sensitive, "the finding's English detail stays in the findings");
    }
}
