namespace Mys.Signing.Infrastructure.Storage;

/// <summary>Recognises a file from its first bytes (magic numbers). Needs at most <see cref="HeaderLength"/> bytes.</summary>
public static class ContentSniffer
{
    public const int HeaderLength = 16;

    public static ContentKind Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return ContentKind.Pdf;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x49, 0x49, 0x2A, 0x00]) || head.StartsWith((ReadOnlySpan<byte>)[0x4D, 0x4D, 0x00, 0x2A]))
        {
            return ContentKind.Tiff;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ContentKind.Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ContentKind.Png;
        }

        if (IsExecutable(head))
        {
            return ContentKind.Executable;
        }

        if (IsArchive(head))
        {
            return ContentKind.Archive;
        }

        return LooksLikeXml(head) ? ContentKind.Xml : ContentKind.Unknown;
    }

    private static bool IsExecutable(ReadOnlySpan<byte> head) =>
        head.StartsWith("MZ"u8)
        || head.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46])
        || head.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xCE, 0xFA, 0xED, 0xFE])
        || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCF]) || head.StartsWith((ReadOnlySpan<byte>)[0xCA, 0xFE, 0xBA, 0xBE])
        || head.StartsWith("#!"u8);

    private static bool IsArchive(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]) || head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x05, 0x06])
        || head.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])
        || head.StartsWith("Rar!"u8)
        || head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])
        || head.StartsWith("BZh"u8)
        || head.StartsWith((ReadOnlySpan<byte>)[0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]);

    private static bool LooksLikeXml(ReadOnlySpan<byte> head)
    {
        var rest = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head;
        while (!rest.IsEmpty && rest[0] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            rest = rest[1..];
        }

        return rest.StartsWith("<?xml"u8) || (rest.Length > 1 && rest[0] == (byte)'<' && (char.IsAsciiLetter((char)rest[1]) || rest[1] == (byte)'!'));
    }
}
