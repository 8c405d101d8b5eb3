namespace Mys.Signing.Bridge.Pkcs11;

/// <summary>Kinds of fields found in the PKCS#11 structures the bridge uses.</summary>
public enum NativeFieldKind
{
    /// <summary>CK_ULONG (and its aliases CK_FLAGS, CK_SLOT_ID, CK_ATTRIBUTE_TYPE, ...).</summary>
    Number,

    /// <summary>A data or function pointer.</summary>
    Address,

    /// <summary>A fixed array of CK_BYTE / CK_UTF8CHAR (CK_VERSION is two bytes).</summary>
    Bytes,
}

/// <summary>One field of a native structure.</summary>
public sealed record NativeField(string Name, NativeFieldKind Kind, int Length = 0);

/// <summary>
/// Offsets and size of a C structure under a given ABI, computed like a C compiler does:
/// each field aligned to min(natural alignment, pack), the size rounded up to the largest alignment used.
/// </summary>
public sealed class NativeStructLayout
{
    private readonly Dictionary<string, int> _offsets;

    private NativeStructLayout(Dictionary<string, int> offsets, int size)
    {
        _offsets = offsets;
        Size = size;
    }

    public int Size { get; }

    public int Offset(string field) =>
        _offsets.TryGetValue(field, out var offset)
            ? offset
            : throw new ArgumentException($"Unknown field '{field}'.", nameof(field));

    public static NativeStructLayout Create(Pkcs11Abi abi, params NativeField[] fields)
    {
        ArgumentNullException.ThrowIfNull(abi);
        ArgumentNullException.ThrowIfNull(fields);
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        var position = 0;
        var structAlignment = 1;
        foreach (var field in fields)
        {
            var (size, natural) = field.Kind switch
            {
                NativeFieldKind.Number => (abi.UlongSize, abi.UlongSize),
                NativeFieldKind.Address => (abi.PointerSize, abi.PointerSize),
                _ => (field.Length, 1),
            };
            var alignment = abi.EffectiveAlignment(natural);
            position = Align(position, alignment);
            offsets.Add(field.Name, position);
            position += size;
            structAlignment = Math.Max(structAlignment, alignment);
        }

        return new NativeStructLayout(offsets, Align(position, structAlignment));
    }

    internal static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;
}
