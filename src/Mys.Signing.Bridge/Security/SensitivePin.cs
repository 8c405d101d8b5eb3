using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mys.Signing.Bridge.Security;

/// <summary>
/// The user's PIN as UTF-8 bytes in a pinned array (the GC never copies it), zeroed on dispose.
/// It is read straight from the JSON token, so no managed string holding the PIN is created.
/// </summary>
[JsonConverter(typeof(SensitivePinConverter))]
public sealed class SensitivePin : IDisposable
{
    public const int MaxBytes = 64;

    private readonly byte[] _buffer;
    private int _length;

    private SensitivePin(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    public static SensitivePin Empty => new([], 0);

    public ReadOnlySpan<byte> Utf8 => _buffer.AsSpan(0, _length);

    public bool IsEmpty => _length == 0;

    public static SensitivePin FromUtf8(ReadOnlySpan<byte> utf8)
    {
        var buffer = GC.AllocateArray<byte>(utf8.Length, pinned: true);
        utf8.CopyTo(buffer);
        return new SensitivePin(buffer, utf8.Length);
    }

    internal static SensitivePin Read(ref Utf8JsonReader reader)
    {
        var escapedLength = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (escapedLength > MaxBytes * 6)
        {
            throw new JsonException("pin too long");
        }

        var buffer = GC.AllocateArray<byte>(escapedLength, pinned: true);
        var length = reader.CopyString(buffer);
        return new SensitivePin(buffer, length);
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_buffer);
        _length = 0;
    }

    public override string ToString() => "***";
}

/// <summary>Reads a PIN without a string; refuses to write one.</summary>
public sealed class SensitivePinConverter : JsonConverter<SensitivePin>
{
    public override SensitivePin? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? SensitivePin.Read(ref reader) : throw new JsonException("pin must be a string");

    public override void Write(Utf8JsonWriter writer, SensitivePin value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue("***");
    }
}
