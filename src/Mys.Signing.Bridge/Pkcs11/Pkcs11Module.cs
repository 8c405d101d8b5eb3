using System.Runtime.InteropServices;
using System.Text;

namespace Mys.Signing.Bridge.Pkcs11;

/// <summary>
/// A loaded, initialized PKCS#11 module, called through the CK_FUNCTION_LIST pointers.
/// Every CK_ULONG argument is passed as a native-width integer (on 64-bit Windows the callee reads the
/// low 32 bits of the register or stack slot); everything read from memory goes through <see cref="Pkcs11Abi"/>.
/// Not thread-safe by itself: callers hold <see cref="Card.CardGate"/>.
/// </summary>
public sealed unsafe partial class Pkcs11Module
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
