using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Verification;

/// <summary>A PAdES signature of the document (not a document time-stamp) with the validator's report of it.</summary>
internal sealed record FoundSignature(PdfSignatureInfo Info, SignatureReport Report);

/// <summary>What the signer lines are checked against, loaded by <see cref="BuildVerificationReport"/>.</summary>
/// <param name="Users">The users the ÖEB's signature records name, by id.</param>
/// <param name="OfficerHeldRole">Whether the accounting officer's recorded signer held the role in the ÖEB's unit when signing.</param>
internal sealed record SignerEvidence(IReadOnlyDictionary<Guid, RecordedSigner> Users, bool OfficerHeldRole);

/// <summary>
/// One line per expected signature (the report's "İmzalar"): for each position of <see cref="SignerOrderCheck.Fields"/>
/// the signature found there, checked for order, binding, revision and, for the accounting officer, authority. The
/// accounting officer's position is optional while the ÖEB records no such signature.
/// </summary>
internal static class SignerLines
{

    public static void Add(OebVerificationReport report, PaymentOrder order, byte[] pdf, IReadOnlyList<FoundSignature> found, SignerEvidence evidence)
    {
        SignatureRecord?[] records = [order.RealizationSignature, order.SpendingAuthoritySignature, order.AccountingOfficerSignature];
        var fields = SignerOrderCheck.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            var (field, record) = (fields[i], records[i]);
            var role = SignerFields.RoleTitle(field)!;
            var user = record is not null ? evidence.Users.GetValueOrDefault(record.SignerId) : null;
            if (i >= found.Count && field == SignerFields.AccountingOfficer && record is null)
            {
                break; // optional: accepted without the officer's signature, or not accepted yet
            }

            if (i >= found.Count)
            {
                var missing = SignerOrderCheck.Missing(field);
                report.Signers.Add(new SignerCheck(role, field, user?.FullName, user?.Tckn, null, null, null, null, null, false, "-", false, missing));
                report.Problems.Add(missing);
                continue;
            }

            var (info, signature) = found[i];
            var problems = Problems(report, pdf, i, field, record, user, found[i], evidence);
            var message = problems.Count == 0 ? "İmza ÖEB kaydıyla uyumlu." : string.Join(" ", problems);
            report.Signers.Add(new SignerCheck(role, info.FieldName, user?.FullName, user?.Tckn, signature.SignerName, signature.Tckn,
                signature.ClaimedSigningTime, signature.TimeStampTime, CertificateStatus(signature), signature.Qualified, signature.Level, problems.Count == 0, message));
            report.Problems.AddRange(problems);
        }

        report.Problems.AddRange(SignerOrderCheck.Unexpected(found.Skip(fields.Count).Select(s => (string?)s.Info.FieldName)));
    }

    private static List<string> Problems(OebVerificationReport report, byte[] pdf, int position, string field, SignatureRecord? record,
        RecordedSigner? user, FoundSignature found, SignerEvidence evidence)
    {
        List<string?> problems =
        [
            SignerOrderCheck.Problem(position, field, found.Info.FieldName),
            SignerBindingCheck.Problem(field, record, user, found.Report),
        ];
        if (record is not null)
        {
            problems.Add(SignedRevisionCheck.Problem(field, pdf, found.Info.SignedEnd, record.SignatureReference));
            if (field == SignerFields.AccountingOfficer)
            {
                var spending = report.Signers.FirstOrDefault(s => s.FieldName == SignerFields.SpendingAuthority);
                problems.AddRange(AccountingOfficerCheck.Problems(record, evidence.OfficerHeldRole, report.AccountingUnit, found.Report, spending));
            }
        }

        return problems.OfType<string>().ToList();
    }

    private static string? CertificateStatus(SignatureReport signature) =>
        signature.Revocation is { } r ? VerificationWords.CertificateStatus(r) : null;
}
