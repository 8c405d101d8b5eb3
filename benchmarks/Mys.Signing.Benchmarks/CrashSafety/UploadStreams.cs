using System.Security.Cryptography;
using System.Text;

namespace Mys.Signing.Benchmarks.CrashSafety;

/// <summary>Tells when a throttled upload has sent <paramref name="signalAt"/> bytes, so the crash lands mid-stream.</summary>
internal sealed class UploadThrottle(long signalAt)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Sent { get; private set; }

    public Task Reached => _reached.Task;

    public void Add(int bytes)
    {
        Sent += bytes;
        if (Sent >= signalAt)
        {
            _reached.TrySetResult();
        }
    }
}

/// <summary>The file as a slow client sends it: 256 KiB every 20 ms (about 12 MiB/s).</summary>
internal sealed class ThrottledStream(byte[] content, UploadThrottle throttle) : Stream
{
    private const int Step = 256 * 1024;
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => content.Length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = Math.Min(Math.Min(buffer.Length, Step), content.Length - _position);
        content.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        throttle.Add(n);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Delay(20, cancellationToken);
        return Read(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// A small well-formed PDF (one empty page, a correct cross-reference table) carrying an unreferenced stream of random
/// bytes, so its size can be chosen; two seeds give two different files.
/// </summary>
internal static class HandMadePdf
{
    public static byte[] Create(int size, int seed)
    {
        var filler = new byte[Math.Max(0, size - 600)];
        new Random(seed).NextBytes(filler);
        filler.AsSpan().Replace((byte)'/', (byte)'x'); // no PDF names by accident (a random "/JS" would be refused as script)
        using var pdf = new MemoryStream(size + 1024);
        var offsets = new List<long>();
        void Text(string text) => pdf.Write(Encoding.Latin1.GetBytes(text));
        void Object(string body)
        {
            offsets.Add(pdf.Position);
            Text($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        Text("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
        offsets.Add(pdf.Position);
        Text($"4 0 obj\n<< /Length {filler.Length} >>\nstream\n");
        pdf.Write(filler);
        Text("\nendstream\nendobj\n");
        var xref = pdf.Position;
        Text($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Text($"{offset:D10} 00000 n \n");
        }

        Text($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R /ID [<{Convert.ToHexString(SHA256.HashData(filler))[..32]}> <{Convert.ToHexString(SHA256.HashData(filler))[..32]}>] >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }
}
