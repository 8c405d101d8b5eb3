using System.Globalization;

namespace Mys.Signing.Domain.Rules;

/// <summary>Field paths used in violations; built only when a violation is reported.</summary>
public static class RulePaths
{
    public const string ExpenseType = "expenseType";
    public const string Lines = "lines";
    public const string GrossAmount = "grossAmount";
    public const string NetPayable = "netPayable";
    public const string Payee = "payee";
    public const string Classification = "classification";
    public const string DocumentDate = "documentDate";
    public const string Attachments = "attachments";
    public const string AttachmentsDescription = "attachmentsDescription";
    public const string Contract = "contract";
    public const string ContractProgressNumber = "contract.progressPaymentNumber";
    public const string CommitmentFileReference = "contract.commitmentFileOrderId";
    public const string RealizationSignature = "signatures.realization";
    public const string SpendingAuthoritySignature = "signatures.spendingAuthority";
    public const string AccountingOfficerSignature = "signatures.accountingOfficer";
    public const string WetApprovalDate = "wetSignature.approvalDate";
    public const string WetApprovalNumber = "wetSignature.approvalNumber";
    public const string WetReason = "wetSignature.reason";
    public const string WetChosenBy = "wetSignature.chosenBy";

    /// <summary>e.g. <c>attachments[2].invoiceNo</c>; the index is the attachment's position in the ÖEB.</summary>
    public static string Attachment(int index, string field) =>
        string.Create(CultureInfo.InvariantCulture, $"attachments[{index}].{field}");

    public static string Attachment(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"attachments[{index}]");
}
