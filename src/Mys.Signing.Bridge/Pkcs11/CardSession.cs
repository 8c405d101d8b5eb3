using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using ISession = Net.Pkcs11Interop.HighLevelAPI.ISession;

namespace Mys.Signing.Bridge.Pkcs11;

/// <summary>An open session on one token: login, object search, attribute reads and single-part signing.</summary>
public sealed class CardSession : IDisposable
{
    private readonly ISession _session;

    internal CardSession(ISession session) => _session = session;

    /// <summary>C_Login. An empty PIN is passed as NULL, so a token with a protected authentication path asks on its PIN pad.</summary>
    public void Login(CKU userType, ReadOnlySpan<byte> pin)
    {
        var copy = pin.IsEmpty ? null : pin.ToArray();
        try
        {
            Pkcs11Module.Call(() => _session.Login(userType, copy));
        }
        finally
        {
            Wipe(copy);
        }
    }

    /// <summary>C_Logout; its failure (session already gone) changes nothing for the caller.</summary>
    public void Logout()
    {
        try
        {
            Pkcs11Module.Call(_session.Logout);
        }
        catch (Pkcs11Exception)
        {
        }
    }

    /// <summary>X.509 certificate objects.</summary>
    public IReadOnlyList<IObjectHandle> FindCertificates() => Find(
        Attribute(CKA.CKA_CLASS, (ulong)CKO.CKO_CERTIFICATE),
        Attribute(CKA.CKA_CERTIFICATE_TYPE, (ulong)CKC.CKC_X_509));

    /// <summary>Key objects of a class with the given CKA_ID (private keys are only visible after login on most cards).</summary>
    public IReadOnlyList<IObjectHandle> FindKeys(CKO keyClass, byte[] id) => Find(
        Attribute(CKA.CKA_CLASS, (ulong)keyClass),
        Pkcs11Module.Factories.ObjectAttributeFactory.Create(CKA.CKA_ID, id));

    /// <summary>One attribute's value; null when the object has no such attribute or it is sensitive.</summary>
    public byte[]? GetBytes(IObjectHandle handle, CKA type) => Read(handle, type, a => a.GetValueAsByteArray() ?? []);

    public ulong? GetNumber(IObjectHandle handle, CKA type) => Read<ulong?>(handle, type, a => a.GetValueAsUlong());

    public bool GetFlag(IObjectHandle handle, CKA type) =>
        GetBytes(handle, type) is { Length: > 0 } bytes && bytes[0] != 0;

    /// <summary>C_SignInit and C_Sign, single part.</summary>
    public byte[] Sign(CKM mechanism, IObjectHandle key, byte[] data)
    {
        using var native = Pkcs11Module.Factories.MechanismFactory.Create(mechanism);
        return Pkcs11Module.Call(() => _session.Sign(native, key, data));
    }

    /// <summary>
    /// C_SignInit, C_Login(CKU_CONTEXT_SPECIFIC) and C_Sign, for keys with CKA_ALWAYS_AUTHENTICATE: the context-specific
    /// login is valid for exactly one operation. A failed login surfaces as a <see cref="Pkcs11Exception"/> from "C_Login".
    /// </summary>
    public byte[] SignWithContextLogin(CKM mechanism, IObjectHandle key, byte[] data, ReadOnlySpan<byte> pin)
    {
        using var native = Pkcs11Module.Factories.MechanismFactory.Create(mechanism);
        var copy = pin.IsEmpty ? null : pin.ToArray();
        try
        {
            return Pkcs11Module.Call(() => _session.Sign(native, key, copy, data));
        }
        finally
        {
            Wipe(copy);
        }
    }

    /// <summary>C_CloseSession; a token pulled out meanwhile has closed it already.</summary>
    public void Dispose()
    {
        try
        {
            _session.Dispose();
        }
        catch (Net.Pkcs11Interop.Common.Pkcs11Exception)
        {
        }
    }

    private List<IObjectHandle> Find(params IObjectAttribute[] template)
    {
        try
        {
            return Pkcs11Module.Call(() => _session.FindAllObjects([.. template]));
        }
        finally
        {
            foreach (var attribute in template)
            {
                attribute.Dispose();
            }
        }
    }

    private T? Read<T>(IObjectHandle handle, CKA type, Func<IObjectAttribute, T> value)
    {
        using var attribute = Pkcs11Module.Call(() => _session.GetAttributeValue(handle, [type]))[0];
        return attribute.CannotBeRead ? default : value(attribute);
    }

    private static IObjectAttribute Attribute(CKA type, ulong value) =>
        Pkcs11Module.Factories.ObjectAttributeFactory.Create(type, value);

    private static void Wipe(byte[]? secret)
    {
        if (secret is not null)
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
