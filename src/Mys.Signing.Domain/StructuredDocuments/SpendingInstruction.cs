using System.Text.Json;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Budget;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.StructuredDocuments;

/// <summary>A realization officer assigned by the spending instruction (gerçekleştirme görevlisi).</summary>
public sealed record AssignedOfficer(string Name, string Title);

/// <summary>What the caller supplies to create a <see cref="SpendingInstruction"/>.</summary>
public sealed record SpendingInstructionSpec
{
    public required string Number { get; init; }

    public required DateOnly Date { get; init; }

    public required Guid SpendingUnitId { get; init; }

    public required string Subject { get; init; }

    public required string Reason { get; init; }

    public required string LegalBasis { get; init; }

    public required Money Amount { get; init; }

    public required Money UsableAppropriation { get; init; }

    public required BudgetClassification BudgetLine { get; init; }

    public required string RealizationMethod { get; init; }

    public required IReadOnlyList<AssignedOfficer> AssignedOfficers { get; init; }

    /// <summary>Duration of the work or service as written on the document, e.g. "30 gün".</summary>
    public required string Duration { get; init; }
}

/// <summary>
/// Harcama Talimatı Onay Belgesi (HTOB), produced in this system (5018 md. 32; MYHBY): subject, reason, legal
/// basis, amount, usable appropriation and its budget line, realization method, assigned officers, duration.
/// Structured (RS): it is linked to ÖEBs by <see cref="Id"/>, never uploaded as a file.
/// </summary>
public sealed class SpendingInstruction
{
    public const string TypeCode = "HTOB";
    public const int SchemaVersion = 1;

    private SpendingInstruction(Guid id, SpendingInstructionSpec spec)
    {
        Id = id;
        Number = spec.Number.Trim();
        Date = spec.Date;
        SpendingUnitId = spec.SpendingUnitId;
        Subject = spec.Subject.Trim();
        Reason = spec.Reason.Trim();
        LegalBasis = spec.LegalBasis.Trim();
        Amount = spec.Amount;
        UsableAppropriation = spec.UsableAppropriation;
        BudgetLine = spec.BudgetLine;
        RealizationMethod = spec.RealizationMethod.Trim();
        AssignedOfficers = [.. spec.AssignedOfficers.Select(o => new AssignedOfficer(o.Name.Trim(), o.Title.Trim()))];
        Duration = spec.Duration.Trim();
    }

    public Guid Id { get; }

    public string Number { get; }

    public DateOnly Date { get; }

    public Guid SpendingUnitId { get; }

    public string Subject { get; }

    public string Reason { get; }

    public string LegalBasis { get; }

    public Money Amount { get; }

    public Money UsableAppropriation { get; }

    public BudgetClassification BudgetLine { get; }

    public string RealizationMethod { get; }

    public IReadOnlyList<AssignedOfficer> AssignedOfficers { get; }

    public string Duration { get; }

    public static Result<SpendingInstruction> Create(Guid id, SpendingInstructionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Blank(spec.Number) || Blank(spec.Subject) || Blank(spec.Reason) || Blank(spec.LegalBasis) || Blank(spec.RealizationMethod) || Blank(spec.Duration))
        {
            return Result<SpendingInstruction>.Failure("HTOB_FIELD_MISSING", "Harcama talimatında sayı, konu, gerekçe, hukuki dayanak, gerçekleştirme usulü ve süre zorunludur.");
        }

        if (spec.BudgetLine is null)
        {
            return Result<SpendingInstruction>.Failure("HTOB_FIELD_MISSING", "Harcama talimatında ödeneğin bütçe tertibi zorunludur.");
        }

        if (!spec.Amount.IsPositive)
        {
            return Result<SpendingInstruction>.Failure("HTOB_AMOUNT", "Harcama talimatının tutarı sıfırdan büyük olmalıdır.");
        }

        if (spec.Amount > spec.UsableAppropriation)
        {
            return Result<SpendingInstruction>.Failure("HTOB_APPROPRIATION_EXCEEDED", "Harcama talimatının tutarı kullanılabilir ödeneği aşamaz.");
        }

        if (spec.AssignedOfficers is null || spec.AssignedOfficers.Count == 0 || spec.AssignedOfficers.Any(o => Blank(o.Name) || Blank(o.Title)))
        {
            return Result<SpendingInstruction>.Failure("HTOB_OFFICERS", "Harcama talimatında en az bir gerçekleştirme görevlisi adı ve unvanıyla belirtilmelidir.");
        }

        return Result<SpendingInstruction>.Success(new SpendingInstruction(id, spec));
    }

    /// <summary>The canonical JSON form (UTF-8), schema in docs/structured-documents.md.</summary>
    public byte[] ToCanonicalJson() => CanonicalJson.Write(Write);

    private void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type", TypeCode);
        w.WriteNumber("schemaVersion", SchemaVersion);
        w.WriteString("id", Id.ToString("D"));
        w.WriteString("number", Number);
        CanonicalJson.Date(w, "date", Date);
        w.WriteString("spendingUnitId", SpendingUnitId.ToString("D"));
        w.WriteString("subject", Subject);
        w.WriteString("reason", Reason);
        w.WriteString("legalBasis", LegalBasis);
        CanonicalJson.Money(w, "amount", Amount);
        w.WriteString("currency", Money.Currency);
        CanonicalJson.Money(w, "usableAppropriation", UsableAppropriation);
        w.WriteStartObject("budgetLine");
        w.WriteString("institutional", BudgetLine.Institutional.Value);
        w.WriteString("functional", BudgetLine.Functional.Value);
        w.WriteString("financing", BudgetLine.Financing.ToString());
        w.WriteString("economic", BudgetLine.Economic.Value);
        w.WriteEndObject();
        w.WriteString("realizationMethod", RealizationMethod);
        w.WriteStartArray("assignedOfficers");
        foreach (var officer in AssignedOfficers)
        {
            w.WriteStartObject();
            w.WriteString("name", officer.Name);
            w.WriteString("title", officer.Title);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("duration", Duration);
        w.WriteEndObject();
    }

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);
}
