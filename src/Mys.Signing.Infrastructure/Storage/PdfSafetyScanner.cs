namespace Mys.Signing.Infrastructure.Storage;

/// <summary>
/// Looks through a PDF's bytes as they stream past for what an attachment must not have: encryption
/// (<c>/Encrypt</c>), scripts (<c>/JavaScript</c>, <c>/JS</c>), launch actions (<c>/Launch</c>), and checks it
/// ends with <c>%%EOF</c> (a truncated upload does not). A byte-level scan: names spelled with <c>#xx</c>
/// escapes or hidden inside compressed object streams are not seen (see docs/attachments.md).
/// </summary>
public sealed class PdfSafetyScanner
{
    private static readonly (byte[] Token, string Code, string Message)[] Forbidden =
    [
        ("/Encrypt"u8.ToArray(), "PDF_ENCRYPTED", "Şifreli (parola korumalı) PDF eklenemez. Şifresiz bir kopyasını yükleyin."),
        ("/JavaScript"u8.ToArray(), "PDF_JAVASCRIPT", "Komut dosyası (JavaScript) içeren PDF eklenemez."),
        ("/JS"u8.ToArray(), "PDF_JAVASCRIPT", "Komut dosyası (JavaScript) içeren PDF eklenemez."),
        ("/Launch"u8.ToArray(), "PDF_LAUNCH", "Program çalıştıran (Launch) eylem içeren PDF eklenemez."),
    ];

    private static readonly int Overlap = Forbidden.Max(f => f.Token.Length) + 1;
    private readonly byte[] _carry = new byte[Overlap];
    private readonly byte[] _tail = new byte[1024];
    private int _carryLength;
    private int _tailLength;

    public (string Code, string Message)? Problem { get; private set; }

    public void Append(ReadOnlySpan<byte> chunk)
    {
        if (Problem is null)
        {
            Scan(chunk);
        }

        Remember(chunk);
    }

    /// <summary>After the last chunk: the first problem found, or a truncation problem when <c>%%EOF</c> is missing at the end.</summary>
    public (string Code, string Message)? Finish()
    {
        if (Problem is not null)
        {
            return Problem;
        }

        var tail = _tail.AsSpan(0, _tailLength);
        return tail.IndexOf("%%EOF"u8) < 0
            ? ("PDF_TRUNCATED", "PDF dosyası eksik ya da bozuk (dosya sonu bulunamadı). Dosyayı yeniden oluşturup yükleyin.")
            : null;
    }

    private void Scan(ReadOnlySpan<byte> chunk)
    {
        // Look across the boundary with the previous chunk's last bytes.
        Span<byte> window = stackalloc byte[Overlap * 2];
        var head = chunk[..Math.Min(chunk.Length, Overlap)];
        _carry.AsSpan(0, _carryLength).CopyTo(window);
        head.CopyTo(window[_carryLength..]);
        Problem = Find(window[..(_carryLength + head.Length)]) ?? Find(chunk);
    }

    private static (string, string)? Find(ReadOnlySpan<byte> data)
    {
        foreach (var (token, code, message) in Forbidden)
        {
            var at = data.IndexOf(token);
            while (at >= 0)
            {
                var end = at + token.Length;
                // "/JS" must be a whole name, not the start of "/JSomething".
                if (end >= data.Length || !IsNameChar(data[end]))
                {
                    return (code, message);
                }

                var next = data[end..].IndexOf(token);
                at = next < 0 ? -1 : end + next;
            }
        }

        return null;
    }

    private static bool IsNameChar(byte b) => b > 0x20 && b < 0x7F && "/[]<>(){}%".IndexOf((char)b, StringComparison.Ordinal) < 0;

    private void Remember(ReadOnlySpan<byte> chunk)
    {
        var carry = chunk[Math.Max(0, chunk.Length - Overlap)..];
        if (carry.Length == Overlap)
        {
            carry.CopyTo(_carry);
            _carryLength = Overlap;
        }
        else
        {
            var keep = Math.Min(_carryLength, Overlap - carry.Length);
            _carry.AsSpan(_carryLength - keep, keep).CopyTo(_carry);
            carry.CopyTo(_carry.AsSpan(keep));
            _carryLength = keep + carry.Length;
        }

        if (chunk.Length >= _tail.Length)
        {
            chunk[^_tail.Length..].CopyTo(_tail);
            _tailLength = _tail.Length;
        }
        else
        {
            var keep = Math.Min(_tailLength, _tail.Length - chunk.Length);
            _tail.AsSpan(_tailLength - keep, keep).CopyTo(_tail);
            chunk.CopyTo(_tail.AsSpan(keep));
            _tailLength = keep + chunk.Length;
        }
    }
}
