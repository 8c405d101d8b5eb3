using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Verification;

/// <summary>
/// The validator's verdict as report problems: every signature that is not TOTAL-PASSED, the decisive reason first (the
/// worst signature, whose reason is the report's message), and a document the validator found no signature in or
/// reported findings on. Findings read as Turkish sentences with their codes kept small at the end ("… (kod: PAGE_ADDED)").
/// </summary>
internal static class SignatureVerdictCheck
{
    public static IEnumerable<string> SignatureProblems(ValidationReport result) =>
        result.Signatures.Where(s => s.Indication != Indication.TotalPassed)
            .OrderByDescending(s => Verdicts.Severity(s.Indication)).ThenBy(s => Verdicts.Decisiveness(s.SubIndication))
            .Select(s => $"{s.Role ?? s.FieldName ?? s.Kind}: {s.Reason} {FindingWords.Explain(s.Findings, s.Reason)}".TrimEnd());

    public static IEnumerable<string> DocumentProblems(ValidationReport result)
    {
        if (result.Signatures.Count == 0 || result.Findings.Count > 0)
        {
            yield return $"{result.Message} {FindingWords.Explain(result.Findings, result.Message)}".TrimEnd();
        }
    }
}
