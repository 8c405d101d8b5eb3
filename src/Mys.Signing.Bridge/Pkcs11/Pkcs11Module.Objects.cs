namespace Mys.Signing.Bridge.Pkcs11;

/// <summary>Sessions, login and object search.</summary>
public sealed unsafe partial class Pkcs11Module
{
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
}
