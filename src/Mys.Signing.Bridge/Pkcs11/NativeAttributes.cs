using System.Runtime.InteropServices;

namespace Mys.Signing.Bridge.Pkcs11;

/// <summary>One CK_ATTRIBUTE to send: a value, or (Value null) a query for <paramref name="Capacity"/> bytes.</summary>
public sealed record CkAttr(ulong Type, byte[]? Value, int Capacity = 0)
{
    public static CkAttr Number(Pkcs11Abi abi, ulong type, ulong value)
    {
        ArgumentNullException.ThrowIfNull(abi);
        var bytes = new byte[abi.UlongSize];
        unsafe
        {
            fixed (byte* p = bytes)
            {
                abi.WriteUlong(p, value);
            }
        }

        return new CkAttr(type, bytes);
    }

    public static CkAttr Flag(ulong type, bool value) => new(type, [value ? (byte)1 : (byte)0]);

    public static CkAttr Data(ulong type, byte[] value) => new(type, value);

    public static CkAttr Query(ulong type, int capacity = 0) => new(type, null, capacity);
}

/// <summary>A CK_ATTRIBUTE array and its value buffers in one native allocation, laid out for an ABI.</summary>
internal sealed unsafe class NativeAttributes : IDisposable
{
    private readonly Pkcs11Abi _abi;
    private readonly int _count;
    private readonly int _totalSize;
    private byte* _block;

    public NativeAttributes(Pkcs11Abi abi, IReadOnlyList<CkAttr> attributes)
    {
        _abi = abi;
        _count = attributes.Count;
        var layout = abi.Attribute;
        var arraySize = layout.Size * _count;
        var valuesSize = attributes.Sum(a => a.Value?.Length ?? a.Capacity);
        _totalSize = Math.Max(1, arraySize + valuesSize);
        _block = (byte*)NativeMemory.AllocZeroed((nuint)_totalSize);
        var value = _block + arraySize;
        for (var i = 0; i < _count; i++)
        {
            var attribute = attributes[i];
            var entry = _block + (i * layout.Size);
            var length = attribute.Value?.Length ?? attribute.Capacity;
            abi.WriteUlong(entry + layout.Offset("type"), attribute.Type);
            abi.WritePointer(entry + layout.Offset("pValue"), length == 0 ? null : value);
            abi.WriteUlong(entry + layout.Offset("ulValueLen"), (ulong)length);
            if (attribute.Value is not null)
            {
                attribute.Value.CopyTo(new Span<byte>(value, length));
            }

            value += length;
        }
    }

    public void* Pointer => _block;

    public nuint Count => (nuint)_count;

    /// <summary>ulValueLen after the call; null when the module reported CK_UNAVAILABLE_INFORMATION.</summary>
    public int? Length(int index)
    {
        var length = _abi.ReadUlong(Entry(index) + _abi.Attribute.Offset("ulValueLen"));
        return length == _abi.UnavailableInformation ? null : checked((int)length);
    }

    public byte[] Value(int index)
    {
        var entry = Entry(index);
        var pointer = (byte*)_abi.ReadPointer(entry + _abi.Attribute.Offset("pValue"));
        var length = Length(index) ?? 0;
        return pointer is null || length == 0 ? [] : new ReadOnlySpan<byte>(pointer, length).ToArray();
    }

    public void Dispose()
    {
        if (_block is not null)
        {
            // Attribute values can be sensitive (CKA_ID, certificate bytes are not, but be uniform).
            new Span<byte>(_block, _totalSize).Clear();
            NativeMemory.Free(_block);
            _block = null;
        }
    }

    private byte* Entry(int index) => _block + (index * _abi.Attribute.Size);
}
