using System.Runtime.InteropServices;
using System.Text;

namespace Mys.Signing.Bridge.Pkcs11;

/// <summary>
/// A loaded, initialized PKCS#11 module, called through the CK_FUNCTION_LIST pointers.
/// Every CK_ULONG argument is passed as a native-width integer (on 64-bit Windows the callee reads the
/// low 32 bits of the register or stack slot); everything read from memory goes through <see cref="Pkcs11Abi"/>.
/// Not thread-safe by itself: callers hold <see cref="Card.CardGate"/>.
/// </summary>
public sealed unsafe class Pkcs11Module
{
    private const int FnInitialize = 0;
    private const int FnFinalize = 1;
    private const int FnGetSlotList = 4;
    private const int FnGetSlotInfo = 5;
    private const int FnGetTokenInfo = 6;
    private const int FnGetMechanismList = 7;
    private const int FnOpenSession = 12;
    private const int FnCloseSession = 13;
    private const int FnLogin = 18;
    private const int FnLogout = 19;
    private const int FnGetAttributeValue = 24;
    private const int FnFindObjectsInit = 26;
    private const int FnFindObjects = 27;
    private const int FnFindObjectsFinal = 28;
    private const int FnSignInit = 42;
    private const int FnSign = 43;

    private readonly byte* _functionList;

    private Pkcs11Module(string path, nint library, byte* functionList, Pkcs11Abi abi)
    {
        Path = path;
        Library = library;
        _functionList = functionList;
        Abi = abi;
    }

    public string Path { get; }

    public Pkcs11Abi Abi { get; }

    internal nint Library { get; }

    /// <summary>Loads the library, reads its function list and calls C_Initialize (OS locking allowed).</summary>
    public static Pkcs11Module Load(string path, Pkcs11Abi abi)
    {
        ArgumentNullException.ThrowIfNull(abi);
        var library = NativeLibrary.Load(path);
        try
        {
            var getFunctionList = (delegate* unmanaged[Cdecl]<void**, nuint>)NativeLibrary.GetExport(library, "C_GetFunctionList");
            void* list = null;
            var rv = abi.ReturnValue(getFunctionList(&list));
            if (rv != Ckr.Ok || list is null)
            {
                throw new Pkcs11Exception("C_GetFunctionList", rv);
            }

            var module = new Pkcs11Module(path, library, (byte*)list, abi);
            module.Initialize();
            return module;
        }
        catch
        {
            NativeLibrary.Free(library);
            throw;
        }
    }

    /// <summary>C_Finalize; the library is only freed when asked (other users in the process may remain).</summary>
    public void FinalizeModule(bool freeLibrary)
    {
        var fn = (delegate* unmanaged[Cdecl]<void*, nuint>)Fn(FnFinalize);
        _ = fn(null);
        if (freeLibrary)
        {
            NativeLibrary.Free(Library);
        }
    }

    public IReadOnlyList<ulong> GetSlotList(bool tokenPresent)
    {
        var fn = (delegate* unmanaged[Cdecl]<byte, void*, void*, nuint>)Fn(FnGetSlotList);
        var present = tokenPresent ? (byte)1 : (byte)0;
        // Slots may appear between the two calls (reader plugged in): retry on CKR_BUFFER_TOO_SMALL.
        var countBuffer = stackalloc byte[8];
        for (var attempt = 0; ; attempt++)
        {
            Check("C_GetSlotList", fn(present, null, countBuffer));
            var count = checked((int)Abi.ReadUlong(countBuffer));
            if (count == 0)
            {
                return [];
            }

            var slots = new byte[count * Abi.UlongSize];
            fixed (byte* p = slots)
            {
                var rv = Abi.ReturnValue(fn(present, p, countBuffer));
                if (rv == Ckr.BufferTooSmall && attempt < 3)
                {
                    continue;
                }

                Check("C_GetSlotList", rv);
                count = checked((int)Abi.ReadUlong(countBuffer));
                var result = new ulong[count];
                for (var i = 0; i < count; i++)
                {
                    result[i] = Abi.ReadUlong(p + (i * Abi.UlongSize));
                }

                return result;
            }
        }
    }

    public SlotInfo GetSlotInfo(ulong slot)
    {
        var fn = (delegate* unmanaged[Cdecl]<nuint, void*, nuint>)Fn(FnGetSlotInfo);
        var layout = Abi.SlotInfo;
        var info = stackalloc byte[layout.Size];
        Check("C_GetSlotInfo", fn((nuint)slot, info));
        return new SlotInfo(
            slot,
            Text(info + layout.Offset("slotDescription"), 64),
            Text(info + layout.Offset("manufacturerID"), 32),
            Abi.ReadUlong(info + layout.Offset("flags")));
    }

    public TokenInfo GetTokenInfo(ulong slot)
    {
        var fn = (delegate* unmanaged[Cdecl]<nuint, void*, nuint>)Fn(FnGetTokenInfo);
        var layout = Abi.TokenInfo;
        var info = stackalloc byte[layout.Size];
        Check("C_GetTokenInfo", fn((nuint)slot, info));
        return new TokenInfo(
            slot,
            Text(info + layout.Offset("label"), 32),
            Text(info + layout.Offset("manufacturerID"), 32),
            Text(info + layout.Offset("model"), 16),
            Text(info + layout.Offset("serialNumber"), 16),
            Abi.ReadUlong(info + layout.Offset("flags")));
    }

    public IReadOnlyList<ulong> GetMechanismList(ulong slot)
    {
        var fn = (delegate* unmanaged[Cdecl]<nuint, void*, void*, nuint>)Fn(FnGetMechanismList);
        var countBuffer = stackalloc byte[8];
        Check("C_GetMechanismList", fn((nuint)slot, null, countBuffer));
        var count = checked((int)Abi.ReadUlong(countBuffer));
        var buffer = new byte[Math.Max(1, count) * Abi.UlongSize];
        fixed (byte* p = buffer)
        {
            Check("C_GetMechanismList", fn((nuint)slot, p, countBuffer));
            count = checked((int)Abi.ReadUlong(countBuffer));
            var result = new ulong[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = Abi.ReadUlong(p + (i * Abi.UlongSize));
            }

            return result;
        }
    }

    public ulong OpenSession(ulong slot)
    {
        var fn = (delegate* unmanaged[Cdecl]<nuint, nuint, void*, void*, void*, nuint>)Fn(FnOpenSession);
        var handle = stackalloc byte[8];
        Check("C_OpenSession", fn((nuint)slot, (nuint)Ck.SessionSerial, null, null, handle));
        return Abi.ReadUlong(handle);
    }

    public void CloseSession(ulong session)
    {
        var fn = (delegate* unmanaged[Cdecl]<nuint, nuint>)Fn(FnCloseSession);
        _ = fn((nuint)session);
    }

    /// <summary>C_Login. An empty PIN on a token with a protected authentication path logs in on the PIN pad.</summary>
    public void Login(ulong session, ulong userType, ReadOnlySpan<byte> pin)
    {
        var fn = (delegate* unmanaged[Cdecl]<nuint, nuint, byte*, nuint, nuint>)Fn(FnLogin);
        fixed (byte* p = pin)
        {
            Check("C_Login", fn((nuint)session, (nuint)userType, pin.IsEmpty ? null : p, (nuint)pin.Length));
        }
    }

    public void Logout(ulong session)
    {
        var fn = (delegate* unmanaged[Cdecl]<nuint, nuint>)Fn(FnLogout);
        _ = fn((nuint)session);
    }

    public IReadOnlyList<ulong> FindObjects(ulong session, IReadOnlyList<CkAttr> template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var init = (delegate* unmanaged[Cdecl]<nuint, void*, nuint, nuint>)Fn(FnFindObjectsInit);
        var find = (delegate* unmanaged[Cdecl]<nuint, void*, nuint, void*, nuint>)Fn(FnFindObjects);
        var final = (delegate* unmanaged[Cdecl]<nuint, nuint>)Fn(FnFindObjectsFinal);
        using var attributes = new NativeAttributes(Abi, template);
        Check("C_FindObjectsInit", init((nuint)session, attributes.Pointer, attributes.Count));
        try
        {
            const int Batch = 32;
            var handles = stackalloc byte[Batch * 8];
            var countBuffer = stackalloc byte[8];
            var result = new List<ulong>();
            while (true)
            {
                Check("C_FindObjects", find((nuint)session, handles, Batch, countBuffer));
                var count = checked((int)Abi.ReadUlong(countBuffer));
                for (var i = 0; i < count; i++)
                {
                    result.Add(Abi.ReadUlong(handles + (i * Abi.UlongSize)));
                }

                if (count < Batch)
                {
                    return result;
                }
            }
        }
        finally
        {
            _ = final((nuint)session);
        }
    }

    /// <summary>One attribute's value; null when the object has no such attribute or it is sensitive.</summary>
    public byte[]? GetAttribute(ulong session, ulong handle, ulong type)
    {
        var fn = (delegate* unmanaged[Cdecl]<nuint, nuint, void*, nuint, nuint>)Fn(FnGetAttributeValue);
        int length;
        using (var query = new NativeAttributes(Abi, [CkAttr.Query(type)]))
        {
            var rv = Abi.ReturnValue(fn((nuint)session, (nuint)handle, query.Pointer, query.Count));
            if (rv is Ckr.AttributeTypeInvalid or Ckr.AttributeSensitive)
            {
                return null;
            }

            Check("C_GetAttributeValue", rv);
            if (query.Length(0) is not { } known)
            {
                return null;
            }

            length = known;
        }

        if (length == 0)
        {
            return [];
        }

        using var read = new NativeAttributes(Abi, [CkAttr.Query(type, length)]);
        Check("C_GetAttributeValue", fn((nuint)session, (nuint)handle, read.Pointer, read.Count));
        return read.Value(0);
    }

    public void SignInit(ulong session, ulong mechanism, ulong key)
    {
        var fn = (delegate* unmanaged[Cdecl]<nuint, void*, nuint, nuint>)Fn(FnSignInit);
        var layout = Abi.Mechanism;
        var native = stackalloc byte[layout.Size];
        new Span<byte>(native, layout.Size).Clear();
        Abi.WriteUlong(native + layout.Offset("mechanism"), mechanism);
        Check("C_SignInit", fn((nuint)session, native, (nuint)key));
    }

    /// <summary>Single-part C_Sign after <see cref="SignInit"/>; asks for the length first when the buffer is too small.</summary>
    public byte[] Sign(ulong session, ReadOnlySpan<byte> data)
    {
        var fn = (delegate* unmanaged[Cdecl]<nuint, byte*, nuint, byte*, void*, nuint>)Fn(FnSign);
        var lengthBuffer = stackalloc byte[8];
        var signature = new byte[1024];
        fixed (byte* input = data)
        fixed (byte* output = signature)
        {
            Abi.WriteUlong(lengthBuffer, (ulong)signature.Length);
            var rv = Abi.ReturnValue(fn((nuint)session, input, (nuint)data.Length, output, lengthBuffer));
            if (rv == Ckr.BufferTooSmall)
            {
                var needed = checked((int)Abi.ReadUlong(lengthBuffer));
                var larger = new byte[needed];
                fixed (byte* second = larger)
                {
                    Check("C_Sign", fn((nuint)session, input, (nuint)data.Length, second, lengthBuffer));
                }

                return larger.AsSpan(0, checked((int)Abi.ReadUlong(lengthBuffer))).ToArray();
            }

            Check("C_Sign", rv);
        }

        return signature.AsSpan(0, checked((int)Abi.ReadUlong(lengthBuffer))).ToArray();
    }

    private void Initialize()
    {
        var fn = (delegate* unmanaged[Cdecl]<void*, nuint>)Fn(FnInitialize);
        var layout = Abi.InitializeArgs;
        var args = stackalloc byte[layout.Size];
        new Span<byte>(args, layout.Size).Clear();
        Abi.WriteUlong(args + layout.Offset("flags"), Ck.InitOsLockingOk);
        var rv = Abi.ReturnValue(fn(args));
        if (rv != Ckr.Ok && rv != Ckr.CryptokiAlreadyInitialized)
        {
            throw new Pkcs11Exception("C_Initialize", rv);
        }
    }

    private void* Fn(int index)
    {
        var pointer = Abi.ReadPointer(_functionList + Abi.FunctionOffset(index));
        return pointer is not null
            ? pointer
            : throw new Pkcs11Exception("CK_FUNCTION_LIST", Ckr.FunctionNotSupported);
    }

    private void Check(string function, nuint raw) => Check(function, Abi.ReturnValue(raw));

    private static void Check(string function, ulong rv)
    {
        if (rv != Ckr.Ok)
        {
            throw new Pkcs11Exception(function, rv);
        }
    }

    private static string Text(byte* field, int length) =>
        Encoding.UTF8.GetString(field, length).TrimEnd(' ', '\0');
}
