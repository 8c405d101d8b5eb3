using System.Reflection;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using InteropException = Net.Pkcs11Interop.Common.Pkcs11Exception;

namespace Mys.Signing.Bridge.Pkcs11;

/// <summary>
/// A loaded, initialized PKCS#11 module (Pkcs11Interop's <see cref="IPkcs11Library"/>, which picks the platform's
/// CK_ULONG width and structure packing). Not thread-safe by itself: callers hold <see cref="Card.CardGate"/>.
/// </summary>
public sealed class Pkcs11Module
{
    internal static readonly Pkcs11InteropFactories Factories = new();

    private readonly IPkcs11Library _library;

    // Slots seen by the last slot listing, so callers can keep speaking in CK_SLOT_IDs.
    private readonly Dictionary<ulong, ISlot> _slots = [];

    static Pkcs11Module() => NativeLibrary.SetDllImportResolver(typeof(IPkcs11Library).Assembly, ResolveDynamicLoader);

    private Pkcs11Module(string path, IPkcs11Library library)
    {
        Path = path;
        _library = library;
    }

    public string Path { get; }

    /// <summary>How the running process talks to modules ("windows-64", "unix-64"): reported by /v1/status.</summary>
    public static string PlatformName { get; } =
        $"{(OperatingSystem.IsWindows() ? "windows" : "unix")}-{IntPtr.Size * 8}";

    /// <summary>
    /// Loads the library and calls C_Initialize with OS locking allowed (CKR_CRYPTOKI_ALREADY_INITIALIZED is fine).
    /// Throws <see cref="DllNotFoundException"/> when the file cannot be loaded at all (the agent reports "module not
    /// found"), and Pkcs11Interop's <see cref="UnmanagedException"/> when it loads but is not a PKCS#11 module.
    /// </summary>
    public static Pkcs11Module Load(string path)
    {
        // Pkcs11Interop reports both cases as UnmanagedException; loading once here tells them apart.
        if (!NativeLibrary.TryLoad(path, out var probe))
        {
            throw new DllNotFoundException($"{path} could not be loaded.");
        }

        try
        {
            return new(path, Call(() => Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, path, AppType.MultiThreaded)));
        }
        finally
        {
            NativeLibrary.Free(probe); // after Pkcs11Interop's own dlopen, so the library is never unloaded in between
        }
    }

    /// <summary>C_Finalize and unload (at shutdown).</summary>
    public void FinalizeModule() => _library.Dispose();

    public IReadOnlyList<ulong> GetSlotList(bool tokenPresent)
    {
        var type = tokenPresent ? SlotsType.WithTokenPresent : SlotsType.WithOrWithoutTokenPresent;
        // A reader plugged in between the count and the list call gives CKR_BUFFER_TOO_SMALL: ask again.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var slots = Call(() => _library.GetSlotList(type));
                foreach (var slot in slots)
                {
                    _slots[slot.SlotId] = slot;
                }

                return [.. slots.Select(s => s.SlotId)];
            }
            catch (Pkcs11Exception e) when (e.ReturnValue == CKR.CKR_BUFFER_TOO_SMALL && attempt < 3)
            {
            }
        }
    }

    public TokenInfo GetTokenInfo(ulong slot)
    {
        var info = Call(() => Slot(slot).GetTokenInfo());
        return new TokenInfo(slot, Text(info.Label), Text(info.ManufacturerId), Text(info.Model), Text(info.SerialNumber), info.TokenFlags.Flags);
    }

    public IReadOnlyList<CKM> GetMechanismList(ulong slot) => Call(() => Slot(slot).GetMechanismList());

    /// <summary>A read-only session (C_OpenSession with CKF_SERIAL_SESSION); dispose it to close it.</summary>
    public CardSession OpenSession(ulong slot) => new(Call(() => Slot(slot).OpenSession(SessionType.ReadOnly)));

    /// <summary>Runs a Pkcs11Interop call and turns its failure into the bridge's <see cref="Pkcs11Exception"/>.</summary>
    internal static T Call<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (InteropException e)
        {
            throw new Pkcs11Exception(e.Method, e.RV, e);
        }
    }

    internal static void Call(Action call) => Call(() =>
    {
        call();
        return true;
    });

    private ISlot Slot(ulong id)
    {
        if (!_slots.ContainsKey(id))
        {
            GetSlotList(tokenPresent: false);
        }

        return _slots.TryGetValue(id, out var slot) ? slot : throw new Pkcs11Exception("C_GetSlotList", CKR.CKR_SLOT_ID_INVALID);
    }

    /// <summary>
    /// Pkcs11Interop finds dlopen/dlsym in "libdl". glibc 2.34+ ships only libdl.so.2 (libdl.so comes with libc6-dev,
    /// which a signer's PC does not have), so on Linux the name is mapped to the runtime library; the maintainers
    /// recommend this resolver (Pkcs11Interop issue #239). macOS and Windows keep the default lookup.
    /// </summary>
    private static nint ResolveDynamicLoader(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != "libdl" || !OperatingSystem.IsLinux())
        {
            return 0;
        }

        foreach (var candidate in (string[])["libdl.so.2", "libc.so.6", "libdl.so"])
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return 0;
    }

    private static string Text(string? value) => (value ?? string.Empty).TrimEnd(' ', '\0');
}
