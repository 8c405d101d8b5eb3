namespace Mys.Signing.Signatures.Validation;

/// <summary>
/// The least restrictive rule under which a change after signing is permitted (pyHanko's modification levels):
/// DocMDP P=1 allows <see cref="Lta"/>, P=2 up to <see cref="FormFilling"/>, P=3 (and approval signatures without a
/// certification) up to <see cref="Annotations"/>; <see cref="Never"/> is never permitted.
/// </summary>
internal enum ModificationLevel
{
    /// <summary>/DSS, /VRI, document time-stamps, XMP metadata: validation data, nothing a reader shows.</summary>
    Lta = 1,

    /// <summary>Filling form fields, signing empty or new signature fields.</summary>
    FormFilling = 2,

    /// <summary>Adding, changing or removing annotations.</summary>
    Annotations = 3,

    Never = 4,
}

/// <summary>
/// One change between two revisions: "CODE: detail" for the findings, the Turkish sentence for the user, the level that
/// permits it, the form field it touches (for FieldMDP locks) and whether a user should see it even when permitted.
/// </summary>
internal sealed record ModificationFinding(ModificationLevel Level, string Code, string Detail, string Reason)
{
    public string? Field { get; init; }

    /// <summary>A permitted change that still alters what a reader shows (a filled field, an annotation).</summary>
    public bool Visible { get; init; }

    public override string ToString() => $"{Code}: {Detail}";
}
