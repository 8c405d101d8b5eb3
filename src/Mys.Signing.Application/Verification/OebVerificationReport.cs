using System.Text.Json;
using System.Text.Json.Serialization;
using Mys.Signing.Domain.Invoices.Comparisons;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Verification;

/// <summary>
/// The accounting unit's verification report of one signed ÖEB version: the validator's verdict on every signature
/// and attachment, the signing order against the domain's signature records, every rule re-checked on the server,
/// and the invoice comparison (R9, e-Fatura). Serialised as the downloadable JSON; the PDF and the page show the same.
/// </summary>
public sealed class OebVerificationReport
{
    public Guid PaymentOrderId { get; init; }

    public required string DocumentNumber { get; init; }

    public int Version { get; init; }

    public DateOnly DocumentDate { get; init; }

    public required string SpendingUnit { get; init; }

    public required string AccountingUnit { get; init; }

    public string? Payee { get; init; }

    public decimal GrossAmount { get; init; }

    public required string Status { get; init; }

    public string? VerificationCode { get; init; }

    public string? Stage { get; init; }

    public string? DocumentSha256 { get; init; }

    /// <summary>True after acceptance: revocation data came only from the document's /DSS (the answer does not change later).</summary>
    public bool EmbeddedRevocationDataOnly { get; init; }

    /// <summary>Green: every signature, attachment, rule and invoice check holds.</summary>
    public bool AllHold => Problems.Count == 0;

    /// <summary>Every reason the report is not green, in Turkish.</summary>
    public List<string> Problems { get; } = [];

    public ValidationReport? Signatures { get; set; }

    public List<SignerCheck> Signers { get; } = [];

    public List<RuleLine> Rules { get; } = [];

    public List<InvoiceComparisonLine> Invoices { get; } = [];

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <summary>Who was expected to sign which field (the domain's record) and what the PDF shows.</summary>
public sealed record SignerCheck(string Role, string FieldName, string? ExpectedSigner, string? ExpectedTckn, string? FoundSigner, string? FoundTckn,
    DateTimeOffset? SignedAt, DateTimeOffset? TimeStamp, string? CertificateStatus, bool Qualified, string Level, bool Holds, string Message);

/// <summary>A rule re-checked on the server (violations only; an empty list means every rule holds).</summary>
public sealed record RuleLine(string Code, string Message, string? Path);

/// <summary>One invoice: what was typed (or what the e-Fatura says) against the ÖEB, with the differences.</summary>
public sealed record InvoiceComparisonLine(
    string Kind,
    Guid AttachmentId,
    string? FileName,
    string? MediaType,
    IReadOnlyList<ComparedField> Fields,
    IReadOnlyList<string> Differences,
    string? Note,
    InvoiceOcrLine? Ocr = null)
{
    /// <summary>For an e-Fatura: the verdict on its signature stored when it was linked (null: linked before verdicts were stored).</summary>
    public Mys.Signing.Domain.Invoices.EInvoiceSignatureVerdict? Signature { get; init; }
}

/// <summary>
/// What OCR read from a scanned invoice against the typed R9 fields. <see cref="State"/>: <c>pending</c> (not read yet),
/// <c>failed</c> (<see cref="Reason"/> says why) or <c>read</c>. Advisory: a disagreement is shown, it does not block acceptance.
/// </summary>
public sealed record InvoiceOcrLine(string State, string? Reason, IReadOnlyList<OcrFieldCheck> Fields, string? Engine, DateTimeOffset? ReadAt)
{
    public const string Pending = "pending";
    public const string Failed = "failed";
    public const string Read = "read";

    public OcrFieldCheck? For(string label) => Fields.FirstOrDefault(f => string.Equals(f.Label, label, StringComparison.Ordinal));
}

/// <summary>A field side by side: the ÖEB's value and the invoice's.</summary>
public sealed record ComparedField(string Label, string? PaymentOrderValue, string? InvoiceValue, bool Matches);
