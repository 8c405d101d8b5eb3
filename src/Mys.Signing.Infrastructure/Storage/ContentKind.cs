namespace Mys.Signing.Infrastructure.Storage;

/// <summary>What an uploaded file really is, judged by its first bytes (never by its name or the browser's claim).</summary>
public enum ContentKind
{
    Unknown = 0,
    Pdf,
    Tiff,
    Jpeg,
    Png,
    Xml,

    /// <summary>Windows PE, ELF, Mach-O, or a script with a shebang: always refused.</summary>
    Executable,

    /// <summary>ZIP (also Office files), 7z, RAR, gzip, bzip2, xz: always refused.</summary>
    Archive,
}

public static class ContentKinds
{
    public static string MediaType(this ContentKind kind) => kind switch
    {
        ContentKind.Pdf => "application/pdf",
        ContentKind.Tiff => "image/tiff",
        ContentKind.Jpeg => "image/jpeg",
        ContentKind.Png => "image/png",
        ContentKind.Xml => "application/xml",
        _ => "application/octet-stream",
    };

    public static ContentKind FromMediaType(string? mediaType) => mediaType?.Split(';')[0].Trim().ToUpperInvariant() switch
    {
        "APPLICATION/PDF" => ContentKind.Pdf,
        "IMAGE/TIFF" => ContentKind.Tiff,
        "IMAGE/JPEG" or "IMAGE/JPG" => ContentKind.Jpeg,
        "IMAGE/PNG" => ContentKind.Png,
        "APPLICATION/XML" or "TEXT/XML" => ContentKind.Xml,
        _ => ContentKind.Unknown,
    };

    public static string TurkishName(this ContentKind kind) => kind switch
    {
        ContentKind.Pdf => "PDF",
        ContentKind.Tiff => "TIFF görüntüsü",
        ContentKind.Jpeg => "JPEG görüntüsü",
        ContentKind.Png => "PNG görüntüsü",
        ContentKind.Xml => "XML",
        ContentKind.Executable => "çalıştırılabilir dosya",
        ContentKind.Archive => "arşiv dosyası",
        _ => "tanınmayan dosya türü",
    };
}
