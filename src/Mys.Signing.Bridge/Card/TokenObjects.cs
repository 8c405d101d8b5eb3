using Mys.Signing.Bridge.Pkcs11;

namespace Mys.Signing.Bridge.Card;

/// <summary>An X.509 certificate object found on a token.</summary>
public sealed record TokenCertificate(ulong Handle, byte[] Der, byte[] Id);

/// <summary>Object searches on an open session, shared by listing and signing.</summary>
public static class TokenObjects
{
    /// <summary>
    /// Slots holding an initialized token. Blank tokens (SoftHSM's spare slot) and cards the module cannot read
    /// (CKR_TOKEN_NOT_RECOGNIZED, or pulled out meanwhile) are skipped instead of failing the whole operation.
    /// </summary>
    public static IReadOnlyList<TokenInfo> UsableTokens(Pkcs11Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var tokens = new List<TokenInfo>();
        foreach (var slot in module.GetSlotList(tokenPresent: true))
        {
            try
            {
                var token = module.GetTokenInfo(slot);
                if (token.Initialized)
                {
                    tokens.Add(token);
                }
            }
            catch (Pkcs11Exception e) when (IsUnusableToken(e))
            {
            }
        }

        return tokens;
    }

    public static bool IsUnusableToken(Pkcs11Exception exception) =>
        exception?.ReturnValue is Ckr.TokenNotRecognized or Ckr.TokenNotPresent or Ckr.DeviceRemoved or Ckr.SlotIdInvalid;

    public static IReadOnlyList<TokenCertificate> Certificates(Pkcs11Module module, ulong session)
    {
        ArgumentNullException.ThrowIfNull(module);
        var handles = module.FindObjects(session,
        [
            CkAttr.Number(module.Abi, Ck.AttrClass, Ck.ObjectCertificate),
            CkAttr.Number(module.Abi, Ck.AttrCertificateType, Ck.CertificateX509),
        ]);
        var result = new List<TokenCertificate>(handles.Count);
        foreach (var handle in handles)
        {
            var der = module.GetAttribute(session, handle, Ck.AttrValue);
            if (der is { Length: > 0 })
            {
                result.Add(new TokenCertificate(handle, der, module.GetAttribute(session, handle, Ck.AttrId) ?? []));
            }
        }

        return result;
    }

    /// <summary>Key objects of a class with the given CKA_ID (private keys are only visible after login on most cards).</summary>
    public static IReadOnlyList<ulong> Keys(Pkcs11Module module, ulong session, ulong keyClass, byte[] id)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.FindObjects(session,
        [
            CkAttr.Number(module.Abi, Ck.AttrClass, keyClass),
            CkAttr.Data(Ck.AttrId, id),
        ]);
    }

    public static ulong? UlongAttribute(Pkcs11Module module, ulong session, ulong handle, ulong type)
    {
        ArgumentNullException.ThrowIfNull(module);
        var bytes = module.GetAttribute(session, handle, type);
        if (bytes is null || bytes.Length != module.Abi.UlongSize)
        {
            return null;
        }

        unsafe
        {
            fixed (byte* p = bytes)
            {
                return module.Abi.ReadUlong(p);
            }
        }
    }

    public static bool BoolAttribute(Pkcs11Module module, ulong session, ulong handle, ulong type)
    {
        ArgumentNullException.ThrowIfNull(module);
        var bytes = module.GetAttribute(session, handle, type);
        return bytes is { Length: > 0 } && bytes[0] != 0;
    }
}
