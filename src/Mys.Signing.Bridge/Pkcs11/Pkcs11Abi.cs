using System.Runtime.CompilerServices;

namespace Mys.Signing.Bridge.Pkcs11;

/// <summary>
/// The binary conventions of a PKCS#11 module. Unix: CK_ULONG is C <c>unsigned long</c> (8 bytes on 64-bit)
/// and structures use natural packing. Windows: CK_ULONG is 4 bytes and every structure is packed to 1
/// (<c>#pragma pack(push, cryptoki, 1)</c>), including CK_FUNCTION_LIST, whose pointers start at offset 2.
/// </summary>
public sealed class Pkcs11Abi
{
    private Pkcs11Abi(string name, int ulongSize, int pointerSize, int pack)
    {
        Name = name;
        UlongSize = ulongSize;
        PointerSize = pointerSize;
        Pack = pack;
        Attribute = NativeStructLayout.Create(this,
            new("type", NativeFieldKind.Number), new("pValue", NativeFieldKind.Address), new("ulValueLen", NativeFieldKind.Number));
        Mechanism = NativeStructLayout.Create(this,
            new("mechanism", NativeFieldKind.Number), new("pParameter", NativeFieldKind.Address), new("ulParameterLen", NativeFieldKind.Number));
        SlotInfo = NativeStructLayout.Create(this,
            new("slotDescription", NativeFieldKind.Bytes, 64), new("manufacturerID", NativeFieldKind.Bytes, 32),
            new("flags", NativeFieldKind.Number), new("hardwareVersion", NativeFieldKind.Bytes, 2),
            new("firmwareVersion", NativeFieldKind.Bytes, 2));
        TokenInfo = NativeStructLayout.Create(this,
            new("label", NativeFieldKind.Bytes, 32), new("manufacturerID", NativeFieldKind.Bytes, 32),
            new("model", NativeFieldKind.Bytes, 16), new("serialNumber", NativeFieldKind.Bytes, 16),
            new("flags", NativeFieldKind.Number), new("ulMaxSessionCount", NativeFieldKind.Number),
            new("ulSessionCount", NativeFieldKind.Number), new("ulMaxRwSessionCount", NativeFieldKind.Number),
            new("ulRwSessionCount", NativeFieldKind.Number), new("ulMaxPinLen", NativeFieldKind.Number),
            new("ulMinPinLen", NativeFieldKind.Number), new("ulTotalPublicMemory", NativeFieldKind.Number),
            new("ulFreePublicMemory", NativeFieldKind.Number), new("ulTotalPrivateMemory", NativeFieldKind.Number),
            new("ulFreePrivateMemory", NativeFieldKind.Number), new("hardwareVersion", NativeFieldKind.Bytes, 2),
            new("firmwareVersion", NativeFieldKind.Bytes, 2), new("utcTime", NativeFieldKind.Bytes, 16));
        InitializeArgs = NativeStructLayout.Create(this,
            new("CreateMutex", NativeFieldKind.Address), new("DestroyMutex", NativeFieldKind.Address),
            new("LockMutex", NativeFieldKind.Address), new("UnlockMutex", NativeFieldKind.Address),
            new("flags", NativeFieldKind.Number), new("pReserved", NativeFieldKind.Address));
        FunctionListStart = NativeStructLayout.Align(2, EffectiveAlignment(PointerSize));
    }

    /// <summary>64-bit Linux / macOS.</summary>
    public static Pkcs11Abi Unix64 { get; } = new("unix-64", 8, 8, 0);

    /// <summary>64-bit Windows.</summary>
    public static Pkcs11Abi Windows64 { get; } = new("windows-64", 4, 8, 1);

    /// <summary>32-bit Windows (not published, kept so the layouts stay honest).</summary>
    public static Pkcs11Abi Windows32 { get; } = new("windows-32", 4, 4, 1);

    /// <summary>The ABI of the running process.</summary>
    public static Pkcs11Abi Current { get; } = OperatingSystem.IsWindows()
        ? (IntPtr.Size == 8 ? Windows64 : Windows32)
        : (IntPtr.Size == 8 ? Unix64 : new Pkcs11Abi("unix-32", 4, 4, 0));

    public string Name { get; }

    public int UlongSize { get; }

    public int PointerSize { get; }

    /// <summary>Maximum field alignment; 0 means natural alignment.</summary>
    public int Pack { get; }

    public NativeStructLayout Attribute { get; }

    public NativeStructLayout Mechanism { get; }

    public NativeStructLayout SlotInfo { get; }

    public NativeStructLayout TokenInfo { get; }

    public NativeStructLayout InitializeArgs { get; }

    /// <summary>Offset of the first function pointer in CK_FUNCTION_LIST (after the 2-byte CK_VERSION).</summary>
    public int FunctionListStart { get; }

    /// <summary>CK_UNAVAILABLE_INFORMATION (~0) in this ABI's CK_ULONG.</summary>
    public ulong UnavailableInformation => UlongSize == 8 ? ulong.MaxValue : uint.MaxValue;

    public int EffectiveAlignment(int natural) => Pack == 0 ? natural : Math.Min(natural, Pack);

    public int FunctionOffset(int index) => FunctionListStart + (index * PointerSize);

    /// <summary>A CK_RV returned in a native-width register: only the CK_ULONG part is defined.</summary>
    public ulong ReturnValue(nuint raw) => UlongSize == 8 ? raw : (uint)raw;

    public unsafe ulong ReadUlong(byte* address) =>
        UlongSize == 8 ? Unsafe.ReadUnaligned<ulong>(address) : Unsafe.ReadUnaligned<uint>(address);

    public unsafe void WriteUlong(byte* address, ulong value)
    {
        if (UlongSize == 8)
        {
            Unsafe.WriteUnaligned(address, value);
        }
        else
        {
            Unsafe.WriteUnaligned(address, checked((uint)value));
        }
    }

    public unsafe void* ReadPointer(byte* address) =>
        PointerSize == 8 ? (void*)Unsafe.ReadUnaligned<ulong>(address) : (void*)Unsafe.ReadUnaligned<uint>(address);

    public unsafe void WritePointer(byte* address, void* value)
    {
        if (PointerSize == 8)
        {
            Unsafe.WriteUnaligned(address, (ulong)value);
        }
        else
        {
            Unsafe.WriteUnaligned(address, (uint)value);
        }
    }

    public override string ToString() => Name;
}
