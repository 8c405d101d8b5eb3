namespace Mys.Signing.Domain.Catalog;

/// <summary>How a supporting document entered the system (guideline arts. 3, 6, 8).</summary>
public enum DocumentSource
{
    /// <summary>Produced by this system in a structured format (HTOB, VİF); linked, never uploaded.</summary>
    SystemProduced = 1,

    /// <summary>An e-Fatura linked by its ETTN.</summary>
    EFaturaLink = 2,

    /// <summary>An unstructured file produced electronically (born digital).</summary>
    ElectronicallyProduced = 3,

    /// <summary>An unstructured file received through system-to-system integration.</summary>
    Integration = 4,

    /// <summary>A scan of a paper document.</summary>
    Scan = 5,
}

/// <summary>Facts about <see cref="DocumentSource"/> values.</summary>
public static class DocumentSourceFacts
{
    /// <summary>The sources of structured documents: linked in the system rather than uploaded as a file.</summary>
    public static bool IsLinked(this DocumentSource source) => source is DocumentSource.SystemProduced or DocumentSource.EFaturaLink;

    /// <summary>How the source is named to users and on the printed ÖEB.</summary>
    public static string TurkishName(this DocumentSource source) => source switch
    {
        DocumentSource.SystemProduced => "Sistemde üretilmiş",
        DocumentSource.EFaturaLink => "e-Fatura (ETTN)",
        DocumentSource.ElectronicallyProduced => "Elektronik",
        DocumentSource.Integration => "Entegrasyon",
        _ => "Taranmış",
    };
}
