namespace Mys.Signing.Signatures.Rendering;

/// <summary>
/// Plain print model of a structured document produced in the system (HTOB, VİF): labelled fields, an optional
/// table of lines and the SHA-256 of the canonical form the PDF was rendered from. The web app maps the stored
/// canonical JSON onto it.
/// </summary>
public sealed record StructuredDocumentPrintModel
{
    public string Title { get; init; } = string.Empty;

    public string DocumentNumber { get; init; } = string.Empty;

    public DateOnly DocumentDate { get; init; }

    public string SpendingUnitName { get; init; } = string.Empty;

    /// <summary>Label/value lines in order; a null label starts a heading with the value as its text.</summary>
    public IReadOnlyList<PrintField> Fields { get; init; } = [];

    public string? TableHeading { get; init; }

    /// <summary>Relative column widths of <see cref="TableRows"/>; the first row is the header.</summary>
    public IReadOnlyList<double> TableWidths { get; init; } = [];

    public IReadOnlyList<string[]> TableRows { get; init; } = [];

    /// <summary>Columns from this index on are right-aligned (amounts).</summary>
    public int TableRightAlignedFrom { get; init; } = int.MaxValue;

    /// <summary>Lines printed after the table (totals), same form as <see cref="Fields"/>.</summary>
    public IReadOnlyList<PrintField> TrailingFields { get; init; } = [];

    /// <summary>Lowercase hex SHA-256 of the canonical JSON this rendering shows.</summary>
    public string CanonicalSha256 { get; init; } = string.Empty;

    /// <summary>Written as the PDF creation date; fixing it makes the output deterministic.</summary>
    public DateTimeOffset GeneratedAt { get; init; }
}

/// <summary>One printed line: <see cref="Label"/> and <see cref="Value"/>, or a heading when the label is null.</summary>
public sealed record PrintField(string? Label, string Value)
{
    public static PrintField Heading(string text) => new(null, text);
}
