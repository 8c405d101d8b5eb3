namespace Mys.Signing.Signatures.Rendering;

/// <summary>Plain print model of a payment order (ÖEB); the web app maps the domain aggregate onto it.</summary>
public sealed record PaymentOrderPrintModel
{
    public string Title { get; init; } = "ÖDEME EMRİ BELGESİ";

    public string DocumentNumber { get; init; } = string.Empty;

    public DateOnly DocumentDate { get; init; }

    public int BudgetYear { get; init; }

    public string InstitutionName { get; init; } = string.Empty;

    public string SpendingUnitName { get; init; } = string.Empty;

    public string SpendingUnitCode { get; init; } = string.Empty;

    public string AccountingUnitName { get; init; } = string.Empty;

    public string AccountingUnitCode { get; init; } = string.Empty;

    public IReadOnlyList<BudgetClassificationRow> BudgetLines { get; init; } = [];

    public IReadOnlyList<AccountingLineRow> AccountingLines { get; init; } = [];

    public decimal GrossAmount { get; init; }

    public IReadOnlyList<DeductionRow> Deductions { get; init; } = [];

    public decimal NetAmount { get; init; }

    public string AmountInWords { get; init; } = string.Empty;

    public PayeeInfo Payee { get; init; } = new(string.Empty, string.Empty, string.Empty, string.Empty);

    public string Description { get; init; } = string.Empty;

    public IReadOnlyList<AttachmentRow> Attachments { get; init; } = [];

    /// <summary>R9: invoice lines summarised in the description area.</summary>
    public string? AttachmentsDescription { get; init; }

    public IReadOnlyList<SignerSlot> Signers { get; init; } = [];

    public string VerificationCode { get; init; } = string.Empty;

    public string VerificationUrl { get; init; } = string.Empty;

    /// <summary>
    /// True for the copy that is signed: the e-signature notice (5070 sayılı Kanun) is printed under the signature boxes.
    /// An unsigned preview sets it false and prints a "not signed" notice instead.
    /// </summary>
    public bool PrintSignedNotice { get; init; } = true;

    /// <summary>Written as the PDF creation date; fixing it makes the output deterministic.</summary>
    public DateTimeOffset GeneratedAt { get; init; }
}

public sealed record BudgetClassificationRow(string Institutional, string Functional, string Financing, string Economic, decimal Amount);

public sealed record AccountingLineRow(string AccountCode, string AccountName, decimal Debit, decimal Credit);

public sealed record DeductionRow(string Name, decimal Amount);

public sealed record PayeeInfo(string Name, string TaxOrIdentityNumber, string Iban, string BankName);

/// <summary>
/// One row of the signed attachments table: <see cref="FileName"/> is the name the file is shown and bundled under (unique
/// within the ÖEB), <see cref="Sha256"/> the hash of its stored bytes. <see cref="AttachmentId"/> ties the row to the
/// ÖEB's attachment (null in tables rendered before it was recorded).
/// </summary>
public sealed record AttachmentRow(string Type, string Source, string FileName, long Size, string Sha256, Guid? AttachmentId = null);

/// <summary>A signature slot; <see cref="FieldName"/> is the PDF signature field created for it.</summary>
public sealed record SignerSlot(string RoleTitle, string FieldName, string Name, string Title);

/// <summary>Field names of the three signer roles.</summary>
public static class SignerFields
{
    public const string RealizationOfficer = "GerceklestirmeGorevlisi";
    public const string SpendingAuthority = "HarcamaYetkilisi";
    public const string AccountingOfficer = "MuhasebeYetkilisi";

    /// <summary>Turkish role title for a field name, or null for other fields.</summary>
    public static string? RoleTitle(string? fieldName) => fieldName switch
    {
        RealizationOfficer => "Gerçekleştirme Görevlisi",
        SpendingAuthority => "Harcama Yetkilisi",
        AccountingOfficer => "Muhasebe Yetkilisi",
        _ => null,
    };
}
