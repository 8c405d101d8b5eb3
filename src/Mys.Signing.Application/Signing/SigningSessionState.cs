using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
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
        // From PadesService.PrepareAppended the PDF is only the appended bytes; from Prepare the whole file.
        var from = Prepared.AppendedAt == BaseLength ? 0 : BaseLength;
        using var buffer = new MemoryStream();
        using (var deflate = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(Prepared.Pdf, from, Prepared.Pdf.Length - from);
        }

        // The certificate and chain are the same for every ÖEB of a session: stored once, beside the items (Serialize).
        var state = Prepared.WithWholePdf([], [], []);
        return new StoredItemState(PaymentOrderId, Role, BaseSha256, BaseLength, buffer.ToArray(), JsonSerializer.Serialize(state, StoredItemState.Json),
            Prepared.Pdf.Length - from)
        {
            SignerCertificate = Prepared.SignerCertificate,
            Chain = Prepared.Chain,
        };
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
    // Base64 is written as it is ('+' not as "\u002B"): the state is kept in the database, never put in a page.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The signer's certificate the ÖEB was prepared for; null when <see cref="Prepared"/> carries it (a session stored before it was kept once).</summary>
    [JsonIgnore]
    public byte[]? SignerCertificate { get; init; }

    /// <summary>The chain put into the CMS; null when <see cref="Prepared"/> carries it.</summary>
    [JsonIgnore]
    public IReadOnlyList<byte[]>? Chain { get; init; }

    /// <summary>
    /// The session's JSON: the certificate and chain once (every ÖEB of a session is prepared for the same ones; a
    /// batch of 100 repeated them 100 times), then the items.
    /// </summary>
    public static string Serialize(IEnumerable<StoredItemState> items)
    {
        var list = items.ToList();
        if (list.Count == 0 || list[0] is not { SignerCertificate: { } certificate, Chain: { } chain })
        {
            return JsonSerializer.Serialize(list, Json);
        }

        if (list.Any(i => i.SignerCertificate is null || !i.SignerCertificate.AsSpan().SequenceEqual(certificate) || i.Chain is null
            || i.Chain.Count != chain.Count || i.Chain.Where((c, n) => !c.AsSpan().SequenceEqual(chain[n])).Any()))
        {
            throw new ArgumentException("The ÖEBs of one signing session must be prepared for the same certificate and chain.", nameof(items));
        }

        return JsonSerializer.Serialize(new StoredSession(certificate, chain, list), Json);
    }

    /// <summary>The items of a session's JSON, as <see cref="Serialize"/> writes it or as a list of items (a session stored before).</summary>
    public static List<StoredItemState> Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.AsSpan().TrimStart().StartsWith("["))
        {
            return JsonSerializer.Deserialize<List<StoredItemState>>(json, Json) ?? [];
        }

        var session = JsonSerializer.Deserialize<StoredSession>(json, Json) ?? throw new JsonException("Boş imza oturumu durumu.");
        return session.Items.Select(i => i with { SignerCertificate = session.SignerCertificate, Chain = session.Chain }).ToList();
    }

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
        var state = PadesPrepared.FromJson(Prepared);
        return state.WithWholePdf(pdf, SignerCertificate, Chain);
    }
}

/// <summary>The JSON of a signing session's prepared state: the signer's certificate and chain once, and the ÖEBs.</summary>
internal sealed record StoredSession(byte[] SignerCertificate, IReadOnlyList<byte[]> Chain, List<StoredItemState> Items);
