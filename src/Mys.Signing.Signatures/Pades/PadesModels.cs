using System.Text.Json;
using Mys.Signing.Signatures.Common;

namespace Mys.Signing.Signatures.Pades;

/// <summary>What to sign: a PDF, the empty signature field to fill, and the signer's certificate with its chain.</summary>
public sealed record PadesPrepareRequest(byte[] Pdf, string FieldName, byte[] SignerCertificate, IReadOnlyList<byte[]> Chain)
{
    public DigestAlgorithm Digest { get; init; } = DigestAlgorithm.Sha256;

    public SignatureLevel Level { get; init; } = SignatureLevel.BaselineT;

    public string? Reason { get; init; }

    public string? Location { get; init; }

    public string? SignerName { get; init; }

    /// <summary>
    /// How the signing time is written in the visible signature box; the caller knows the zone people read
    /// (e.g. "07.12.2026 07:38 TSİ"). Without it the box says UTC.
    /// </summary>
    public Func<DateTimeOffset, string>? AppearanceTime { get; init; }

    /// <summary>
    /// When the PDF has no field of that name (e.g. an uploaded attachment), add one: on <see cref="NewFieldPage"/>
    /// (0-based, negative from the end) at <see cref="NewFieldRect"/> (PDF points, [x1 y1 x2 y2]; empty = invisible).
    /// </summary>
    public bool CreateFieldIfMissing { get; init; }

    public int NewFieldPage { get; init; } = -1;

    public IReadOnlyList<double> NewFieldRect { get; init; } = [];

    /// <summary>Bytes reserved for the CMS in /Contents (hex doubles it).</summary>
    public int ContentsSize { get; init; } = 16384;
}

/// <summary>
/// State between prepare and complete. Serialisable (<see cref="ToJson"/>) so any server node can finish it;
/// the caller enforces the lifetime. <see cref="DataToSign"/> is what the card signs.
/// </summary>
public sealed class PadesPrepared
{
    public int Version { get; init; } = 1;

    public string FieldName { get; init; } = string.Empty;

    /// <summary>
    /// The PDF with the appended revision, /ByteRange set and /Contents zero-filled; from
    /// <see cref="PadesService.PrepareAppended"/> only the appended bytes (see <see cref="AppendedAt"/>).
    /// </summary>
    public byte[] Pdf { get; init; } = [];

    /// <summary>
    /// 0 when <see cref="Pdf"/> is the whole file; otherwise the length of the original file, after which
    /// <see cref="Pdf"/>'s bytes follow (offsets such as <see cref="ContentsOffset"/> are always the whole file's).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public int AppendedAt { get; init; }

    /// <summary>Offset of the first hex digit inside /Contents.</summary>
    public int ContentsOffset { get; init; }

    /// <summary>Number of hex digits reserved.</summary>
    public int ContentsHexLength { get; init; }

    public byte[] SignedAttributes { get; init; } = [];

    /// <summary>Digest of the DER signed attributes: the value the card signs.</summary>
    public byte[] DataToSign { get; init; } = [];

    public byte[] DocumentDigest { get; init; } = [];

    public DigestAlgorithm Digest { get; init; }

    public SignatureLevel Level { get; init; }

    public byte[] SignerCertificate { get; init; } = [];

    public IReadOnlyList<byte[]> Chain { get; init; } = [];

    public DateTimeOffset SigningTime { get; init; }

    /// <summary>
    /// This state with <paramref name="pdf"/> as its whole file (<see cref="AppendedAt"/> 0), and with other certificate
    /// bytes when given (a store that keeps them once per batch).
    /// </summary>
    public PadesPrepared WithWholePdf(byte[] pdf, byte[]? signerCertificate = null, IReadOnlyList<byte[]>? chain = null) => new()
    {
        Version = Version,
        FieldName = FieldName,
        Pdf = pdf,
        ContentsOffset = ContentsOffset,
        ContentsHexLength = ContentsHexLength,
        SignedAttributes = SignedAttributes,
        DataToSign = DataToSign,
        DocumentDigest = DocumentDigest,
        Digest = Digest,
        Level = Level,
        SignerCertificate = signerCertificate ?? SignerCertificate,
        Chain = chain ?? Chain,
        SigningTime = SigningTime,
    };

    public string ToJson() => JsonSerializer.Serialize(this);

    public static PadesPrepared FromJson(string json) =>
        JsonSerializer.Deserialize<PadesPrepared>(json) ?? throw new JsonException("Boş imza hazırlık durumu.");
}

/// <summary>A finished signature: the signed PDF and the CMS inside it.</summary>
public sealed record PadesCompleted(byte[] Pdf, byte[] Cms, DateTimeOffset? TimeStampTime);
