using System.Text;
using Mys.Signing.Domain.Access;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;

namespace Mys.Signing.Application.Signing;

/// <summary>
/// The bytes of a signing session's prepared state (<c>SigningSession.PreparedState</c>, <c>bytea</c>): "MYSS", a format
/// version, the signer's certificate and chain once (every ÖEB of a session is prepared for the same ones), then the
/// items. Lengths and small numbers are 7-bit encoded. A batch of 100 ÖEBs takes ≈ 50 KB, written into one array of
/// its exact size (a JSON text of it took ≈ 0.4 M characters, then UTF-8 copies: large objects and gen-2 collections).
/// </summary>
public static class SigningSessionFormat
{
    private const byte Version = 1;

    private static ReadOnlySpan<byte> Magic => "MYSS"u8;

    public static byte[] Write(IReadOnlyList<StoredItemState> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var certificate = items.Count > 0 ? items[0].SignerCertificate : [];
        var chain = items.Count > 0 ? items[0].Chain : [];
        if (items.Any(i => !i.SignerCertificate.AsSpan().SequenceEqual(certificate) || i.Chain.Count != chain.Count
            || i.Chain.Where((c, n) => !c.AsSpan().SequenceEqual(chain[n])).Any()))
        {
            throw new ArgumentException("The ÖEBs of one signing session must be prepared for the same certificate and chain.", nameof(items));
        }

        // Written twice, first only counted: the array has its exact size (no growing buffer, no copy of a large object).
        var counter = new SizeCounter();
        using (var counting = new BinaryWriter(counter, Encoding.UTF8))
        {
            WriteTo(counting, certificate, chain, items);
        }

        var bytes = new byte[checked((int)counter.Length)];
        using var writer = new BinaryWriter(new MemoryStream(bytes), Encoding.UTF8);
        WriteTo(writer, certificate, chain, items);
        return bytes;
    }

    /// <summary>
    /// The items of a session's prepared state; null when the bytes are not in this format (a session prepared by an
    /// earlier version, whose JSON text the migration kept as bytes): such a session can only be prepared again.
    /// </summary>
    public static List<StoredItemState>? Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < Magic.Length + 1 || !bytes.AsSpan().StartsWith(Magic) || bytes[Magic.Length] != Version)
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length + 1, bytes.Length - Magic.Length - 1, writable: false), Encoding.UTF8);
            var certificate = ReadBytes(reader);
            var chain = new byte[Count(reader)][];
            for (var i = 0; i < chain.Length; i++)
            {
                chain[i] = ReadBytes(reader);
            }

            var count = Count(reader);
            var items = new List<StoredItemState>(count);
            for (var i = 0; i < count; i++)
            {
                items.Add(ReadItem(reader) with { SignerCertificate = certificate, Chain = chain });
            }

            return reader.BaseStream.Position == reader.BaseStream.Length
                ? items
                : throw new InvalidDataException("A signing session's prepared state has bytes after its items.");
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("A signing session's prepared state ends before its items do.", ex);
        }
    }

    private static void WriteTo(BinaryWriter writer, byte[] certificate, IReadOnlyList<byte[]> chain, IReadOnlyList<StoredItemState> items)
    {
        writer.Write(Magic);
        writer.Write(Version);
        WriteBytes(writer, certificate);
        writer.Write7BitEncodedInt(chain.Count);
        foreach (var c in chain)
        {
            WriteBytes(writer, c);
        }

        writer.Write7BitEncodedInt(items.Count);
        Span<byte> id = stackalloc byte[16];
        foreach (var item in items)
        {
            item.PaymentOrderId.TryWriteBytes(id);
            writer.Write(id);
            writer.Write7BitEncodedInt((int)item.Role);
            writer.Write(item.BaseSha256);
            writer.Write7BitEncodedInt(item.BaseLength);
            WriteBytes(writer, item.Appended);
            writer.Write7BitEncodedInt(item.HoleAt);
            writer.Write7BitEncodedInt(item.HoleLength);
            var state = item.State;
            writer.Write7BitEncodedInt(state.Version);
            writer.Write(state.FieldName);
            writer.Write7BitEncodedInt(state.ContentsOffset);
            writer.Write7BitEncodedInt(state.ContentsHexLength);
            WriteBytes(writer, state.SignedAttributes);
            WriteBytes(writer, state.DataToSign);
            WriteBytes(writer, state.DocumentDigest);
            writer.Write7BitEncodedInt((int)state.Digest);
            writer.Write7BitEncodedInt((int)state.Level);
            writer.Write(state.SigningTime.UtcTicks);
            writer.Write((short)state.SigningTime.TotalOffsetMinutes);
        }
    }

    private static StoredItemState ReadItem(BinaryReader reader)
    {
        Span<byte> id = stackalloc byte[16];
        reader.BaseStream.ReadExactly(id);
        var paymentOrderId = new Guid(id);
        var role = (Role)reader.Read7BitEncodedInt();
        var baseSha256 = reader.ReadString();
        var baseLength = reader.Read7BitEncodedInt();
        var appended = ReadBytes(reader);
        var holeAt = reader.Read7BitEncodedInt();
        var holeLength = reader.Read7BitEncodedInt();
        if (holeAt < 0 || holeLength < 0 || holeAt > appended.Length)
        {
            throw new InvalidDataException($"The /Contents placeholder of ÖEB {paymentOrderId} lies outside its appended bytes.");
        }

        var state = new PadesPrepared
        {
            Version = reader.Read7BitEncodedInt(),
            FieldName = reader.ReadString(),
            ContentsOffset = reader.Read7BitEncodedInt(),
            ContentsHexLength = reader.Read7BitEncodedInt(),
            SignedAttributes = ReadBytes(reader),
            DataToSign = ReadBytes(reader),
            DocumentDigest = ReadBytes(reader),
            Digest = (DigestAlgorithm)reader.Read7BitEncodedInt(),
            Level = (SignatureLevel)reader.Read7BitEncodedInt(),
            SigningTime = ReadTime(reader),
        };
        return new StoredItemState(paymentOrderId, role, baseSha256, baseLength, appended, holeAt, holeLength, state);
    }

    private static DateTimeOffset ReadTime(BinaryReader reader)
    {
        var utcTicks = reader.ReadInt64();
        var offset = TimeSpan.FromMinutes(reader.ReadInt16());
        return new DateTimeOffset(utcTicks + offset.Ticks, offset);
    }

    private static void WriteBytes(BinaryWriter writer, byte[] bytes)
    {
        writer.Write7BitEncodedInt(bytes.Length);
        writer.Write(bytes);
    }

    private static byte[] ReadBytes(BinaryReader reader) => reader.ReadBytes(Count(reader));

    // A count or length, each counted thing at least one byte: a corrupt one ends the reading instead of allocating.
    private static int Count(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        return count >= 0 && count <= reader.BaseStream.Length - reader.BaseStream.Position ? count : throw new EndOfStreamException();
    }

    /// <summary>A stream that only counts what is written to it.</summary>
    private sealed class SizeCounter : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Position;

        public override long Position { get; set; }

        public override void Write(byte[] buffer, int offset, int count) => Position += count;

        public override void Write(ReadOnlySpan<byte> buffer) => Position += buffer.Length;

        public override void WriteByte(byte value) => Position++;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
