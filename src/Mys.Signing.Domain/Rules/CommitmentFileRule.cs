using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>
/// R4 — under a contract, the commitment file (taahhüt dosyası) goes with the first progress payment only.
/// Later payments do not send it again and reference the earlier ÖEB that carried it; the contract's history
/// comes through <see cref="IContractHistory"/>. A contract-based expense type needs a contract reference.
/// </summary>
public sealed class CommitmentFileRule : IPaymentOrderRule
{
    public const string ContractMissing = "R4.CONTRACT_MISSING";
    public const string CommitmentFileMissing = "R4.COMMITMENT_FILE_MISSING";
    public const string CommitmentFileAlreadySent = "R4.COMMITMENT_FILE_ALREADY_SENT";
    public const string CommitmentFileRepeated = "R4.COMMITMENT_FILE_REPEATED";
    public const string ReferenceMissing = "R4.COMMITMENT_REFERENCE_MISSING";
    public const string ReferenceWrong = "R4.COMMITMENT_REFERENCE_WRONG";
    public const string NoEarlierCommitment = "R4.NO_EARLIER_COMMITMENT";

    public string Code => "R4";

    public string Clause => "Kılavuz, Esaslar md. 4";

    public void Evaluate(PaymentOrder order, RuleContext context, List<RuleViolation> violations)
    {
        var expenseType = context.Catalog.FindExpenseType(order.ExpenseTypeCode);
        var contract = order.Contract;
        var commitmentIndex = FindCommitmentFile(order, context);
        if (expenseType is null || !expenseType.IsContractBased)
        {
            if (commitmentIndex >= 0 && contract is null)
            {
                violations.Add(new RuleViolation(ContractMissing, "Taahhüt dosyası yalnızca sözleşmeye bağlı ödemelerde, sözleşme bilgisiyle eklenir.", RulePaths.Contract));
            }

            return;
        }

        if (contract is null)
        {
            violations.Add(new RuleViolation(ContractMissing, "Bu ödeme türünde sözleşme numarası ve hakediş numarası girilmelidir.", RulePaths.Contract));
            return;
        }

        var carrier = context.Contracts.FindCommitmentFileCarrier(order.SpendingUnitId, contract.ContractNumber);
        if (carrier is not null && (carrier.PaymentOrderId == order.Id || carrier.PaymentOrderId == order.PreviousVersionId))
        {
            carrier = null; // an earlier version of this same ÖEB is not an earlier payment
        }

        if (contract.IsFirstPayment)
        {
            EvaluateFirst(commitmentIndex, carrier, violations);
        }
        else
        {
            EvaluateLater(contract, commitmentIndex, carrier, violations);
        }
    }

    private static void EvaluateFirst(int commitmentIndex, CommitmentFileCarrier? carrier, List<RuleViolation> violations)
    {
        if (carrier is not null)
        {
            violations.Add(new RuleViolation(CommitmentFileAlreadySent, "Bu sözleşmenin taahhüt dosyası daha önce başka bir ÖEB ile gönderilmiş; hakediş numarasını kontrol edin.", RulePaths.ContractProgressNumber));
        }
        else if (commitmentIndex < 0)
        {
            violations.Add(new RuleViolation(CommitmentFileMissing, "İlk hakedişte taahhüt dosyası ÖEB'ye eklenmelidir.", RulePaths.Attachments));
        }
    }

    private static void EvaluateLater(ContractReference contract, int commitmentIndex, CommitmentFileCarrier? carrier, List<RuleViolation> violations)
    {
        if (commitmentIndex >= 0)
        {
            violations.Add(new RuleViolation(CommitmentFileRepeated, "Taahhüt dosyası yalnızca ilk hakedişle gönderilir; müteakip ödemelerde tekrar eklenmez.", RulePaths.Attachment(commitmentIndex)));
        }

        if (carrier is null)
        {
            violations.Add(new RuleViolation(NoEarlierCommitment, "Bu sözleşme için taahhüt dosyasını taşıyan önceki bir ÖEB bulunamadı.", RulePaths.CommitmentFileReference));
        }
        else if (contract.CommitmentFileOrderId is null)
        {
            violations.Add(new RuleViolation(ReferenceMissing, "Taahhüt dosyasının gönderildiği önceki ÖEB belirtilmelidir.", RulePaths.CommitmentFileReference));
        }
        else if (contract.CommitmentFileOrderId != carrier.PaymentOrderId)
        {
            violations.Add(new RuleViolation(ReferenceWrong, "Belirtilen ÖEB bu sözleşmenin taahhüt dosyasını taşıyan ÖEB değildir.", RulePaths.CommitmentFileReference));
        }
    }

    private static int FindCommitmentFile(PaymentOrder order, RuleContext context)
    {
        var attachments = order.Attachments;
        for (var i = 0; i < attachments.Count; i++)
        {
            if (attachments[i].IsCommitmentFile || context.Catalog.FindDocumentType(attachments[i].DocumentTypeCode)?.IsCommitmentFile == true)
            {
                return i;
            }
        }

        return -1;
    }
}
