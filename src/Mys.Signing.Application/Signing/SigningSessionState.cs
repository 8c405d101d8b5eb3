using System.IO.Compression;
using System.Text.Json;
using Mys.Signing.Domain.Access;
using Mys.Signing.Signatures.Pades;

namespace Mys.Signing.Application.Signing;

/// <summary>One ÖEB as prepare left it in memory: the stored revision it was prepared over and the PAdES state (with the whole PDF).</summary>
public sealed record PreparedItemState(Guid PaymentOrderId, Role Role, string BaseSha256, int BaseLength, PadesPrepared Prepared)
{
    /// <summary>
    /// What the session keeps: not the PDF (complete reads the base revision back from the store) but only the bytes
    /// prepare appended to it, deflated (mostly the zero-filled /Contents), and the PAdES state without the PDF.
    /// </summary>
    public StoredItemState ToStored()
    {
        using var buffer = new MemoryStream();
        using (var deflate = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(Prepared.Pdf, BaseLength, Prepared.Pdf.Length - BaseLength);
        }

        return new StoredItemState(PaymentOrderId, Role, BaseSha256, BaseLength, buffer.ToArray(), PadesState.WithPdf(Prepared, []).ToJson(),
            Prepared.Pdf.Length - BaseLength);
    }
}

/// <summary>
/// The JSON shape of one item in <see cref="Infrastructure.Signing.SigningSession.PreparedState"/>: the ÖEB, the signer's role,
/// the SHA-256 and length of the stored base revision, the deflated bytes prepare appended to it, and the PAdES state
/// (<see cref="PadesPrepared.ToJson"/>) with an empty PDF; <see cref="AppendedLength"/> is the inflated length of
/// <see cref="Appended"/> (0 in a session stored before it was recorded: then the length is found by inflating).
/// </summary>
public sealed record StoredItemState(Guid PaymentOrderId, Role Role, string BaseSha256, int BaseLength, byte[] Appended, string Prepared, int AppendedLength = 0)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public static string Serialize(IEnumerable<StoredItemState> items) => JsonSerializer.Serialize(items, Json);

    public static List<StoredItemState> Deserialize(string json) => JsonSerializer.Deserialize<List<StoredItemState>>(json, Json) ?? [];

    /// <summary>
    /// The prepared PDF again, in one array: the stored base revision (read from <paramref name="basePdf"/>, which must
    /// hold exactly <see cref="BaseLength"/> bytes) followed by the appended bytes. Null when the base is not that long.
    /// </summary>
    public async Task<PadesPrepared?> WithBaseAsync(Stream basePdf, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(basePdf);
        if (basePdf.Length != BaseLength)
        {
            return null;
        }

        await using var inflate = new ZLibStream(new MemoryStream(Appended, writable: false), CompressionMode.Decompress);
        byte[] pdf;
        if (AppendedLength > 0)
        {
            // The final array at once, both parts read straight into it: no growing buffer, no second copy.
            pdf = new byte[BaseLength + AppendedLength];
            await inflate.ReadExactlyAsync(pdf.AsMemory(BaseLength), ct);
            if (await inflate.ReadAsync(new byte[1], ct) != 0)
            {
                throw new InvalidDataException($"The prepared bytes of ÖEB {PaymentOrderId} inflate to more than the {AppendedLength} recorded.");
            }
        }
        else
        {
            using var appended = new MemoryStream();
            await inflate.CopyToAsync(appended, ct);
            pdf = new byte[BaseLength + appended.Length];
            appended.GetBuffer().AsSpan(0, (int)appended.Length).CopyTo(pdf.AsSpan(BaseLength));
        }

        await basePdf.ReadExactlyAsync(pdf.AsMemory(0, BaseLength), ct);
        return PadesState.WithPdf(PadesPrepared.FromJson(Prepared), pdf);
    }
}

internal static class PadesState
{
    public static PadesPrepared WithPdf(PadesPrepared p, byte[] pdf) => new()
    {
        Version = p.Version,
        FieldName = p.FieldName,
        Pdf = pdf,
        ContentsOffset = p.ContentsOffset,
        ContentsHexLength = p.ContentsHexLength,
        SignedAttributes = p.SignedAttributes,
        DataToSign = p.DataToSign,
        DocumentDigest = p.DocumentDigest,
        Digest = p.Digest,
        Level = p.Level,
        SignerCertificate = p.SignerCertificate,
        Chain = p.Chain,
        SigningTime = p.SigningTime,
    };
}
