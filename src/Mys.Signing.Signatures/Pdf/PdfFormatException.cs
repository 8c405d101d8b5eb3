namespace Mys.Signing.Signatures.Pdf;

/// <summary>
/// The only exception the PDF reader throws for malformed or unsupported input. <see cref="Reason"/> is a short stable code
/// (see <see cref="PdfFormatReasons"/>) for verdicts and logs; the message is English detail for logs, never shown to users.
/// </summary>
public sealed class PdfFormatException : FormatException
{
    public PdfFormatException()
        : this(PdfFormatReasons.Malformed, "Malformed PDF.")
    {
    }

    public PdfFormatException(string message)
        : this(PdfFormatReasons.Malformed, message)
    {
    }

    public PdfFormatException(string message, Exception innerException)
        : this(PdfFormatReasons.Malformed, message, innerException)
    {
    }

    public PdfFormatException(string reason, string message, Exception? innerException = null)
        : base($"{reason}: {message}", innerException) => Reason = reason;

    public string Reason { get; }
}

/// <summary>Reason codes of <see cref="PdfFormatException"/>.</summary>
public static class PdfFormatReasons
{
    public const string Malformed = "MALFORMED";
    public const string UnexpectedEof = "UNEXPECTED_EOF";
    public const string UnexpectedToken = "UNEXPECTED_TOKEN";
    public const string BrokenXref = "BROKEN_XREF";
    public const string XrefLoop = "XREF_LOOP";
    public const string ObjectLoop = "OBJECT_LOOP";
    public const string DepthLimit = "DEPTH_LIMIT";
    public const string NoRoot = "NO_ROOT";
    public const string NoPages = "NO_PAGES";
    public const string NotPdf = "NOT_PDF";
    public const string BrokenObjectStream = "BROKEN_OBJECT_STREAM";
    public const string UnknownFilter = "UNKNOWN_FILTER";
    public const string BrokenStreamData = "BROKEN_STREAM_DATA";
    public const string StreamTooLarge = "STREAM_TOO_LARGE";
    public const string EncryptedUnsupported = "ENCRYPTED_UNSUPPORTED";
}
