using Mys.Signing.Domain.Access;
using Mys.Signing.Signatures.Pades;

namespace Mys.Signing.Application.Signing;

/// <summary>One ÖEB as prepare left it in memory: the stored revision it was prepared over and the PAdES state (with the whole PDF).</summary>
public sealed record PreparedItemState(Guid PaymentOrderId, Role Role, string BaseSha256, int BaseLength, PadesPrepared Prepared)
{
    /// <summary>
    /// What the session keeps: not the PDF (complete reads the base revision back from the store) but only the bytes
    /// prepare appended to it without the zero-filled /Contents (most of them: complete writes the '0's again), and the
    /// PAdES state without the PDF.
    /// </summary>
    public StoredItemState ToStored()
    {
        // From PadesService.PrepareAppended the PDF is only the appended bytes; from Prepare the whole file.
        var from = Prepared.AppendedAt == BaseLength ? 0 : BaseLength;
        ReadOnlySpan<byte> appended = Prepared.Pdf.AsSpan(from);
        var holeAt = Prepared.ContentsOffset - BaseLength;
        var holeLength = Prepared.ContentsHexLength;
        if (holeAt < 0 || holeLength < 0 || holeAt + holeLength > appended.Length || appended.Slice(holeAt, holeLength).ContainsAnyExcept((byte)'0'))
        {
            (holeAt, holeLength) = (0, 0);
        }

        var kept = new byte[appended.Length - holeLength];
        appended[..holeAt].CopyTo(kept);
        appended[(holeAt + holeLength)..].CopyTo(kept.AsSpan(holeAt));
        return new StoredItemState(PaymentOrderId, Role, BaseSha256, BaseLength, kept, holeAt, holeLength, Prepared.WithWholePdf([], [], []))
        {
            SignerCertificate = Prepared.SignerCertificate,
            Chain = Prepared.Chain,
        };
    }
}

/// <summary>
/// One item of a signing session's prepared state (<see cref="SigningSessionFormat"/>): the ÖEB, the signer's role, the
/// SHA-256 and length of the stored base revision, the bytes prepare appended to it without the
/// <see cref="HoleLength"/> '0's of the /Contents placeholder that began at <see cref="HoleAt"/> (relative to the
/// appended bytes), and the PAdES state (<see cref="State"/>) with no PDF, certificate or chain.
/// </summary>
public sealed record StoredItemState(
    Guid PaymentOrderId, Role Role, string BaseSha256, int BaseLength, byte[] Appended, int HoleAt, int HoleLength, PadesPrepared State)
{
    /// <summary>The signer's certificate the ÖEB was prepared for (kept once per session).</summary>
    public byte[] SignerCertificate { get; init; } = [];

    /// <summary>The chain put into the CMS (kept once per session).</summary>
    public IReadOnlyList<byte[]> Chain { get; init; } = [];

    /// <summary>How many bytes prepare appended to the base revision.</summary>
    public int AppendedLength => Appended.Length + HoleLength;

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

        // The final array at once, both parts written straight into it: no second copy.
        var pdf = new byte[BaseLength + AppendedLength];
        await basePdf.ReadExactlyAsync(pdf.AsMemory(0, BaseLength), ct);
        WriteAppended(pdf.AsSpan(BaseLength));
        return State.WithWholePdf(pdf, SignerCertificate, Chain);
    }

    private void WriteAppended(Span<byte> target)
    {
        Appended.AsSpan(0, HoleAt).CopyTo(target);
        target.Slice(HoleAt, HoleLength).Fill((byte)'0');
        Appended.AsSpan(HoleAt).CopyTo(target[(HoleAt + HoleLength)..]);
    }
}
