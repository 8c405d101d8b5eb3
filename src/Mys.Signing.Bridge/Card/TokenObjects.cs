using Mys.Signing.Bridge.Pkcs11;
using Net.Pkcs11Interop.Common;
using Pkcs11Exception = Mys.Signing.Bridge.Pkcs11.Pkcs11Exception;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Mys.Signing.Bridge.Card;

/// <summary>An X.509 certificate object found on a token.</summary>
public sealed record TokenCertificate(IObjectHandle Handle, byte[] Der, byte[] Id);

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
        exception?.ReturnValue is CKR.CKR_TOKEN_NOT_RECOGNIZED or CKR.CKR_TOKEN_NOT_PRESENT or CKR.CKR_DEVICE_REMOVED or CKR.CKR_SLOT_ID_INVALID;

    public static IReadOnlyList<TokenCertificate> Certificates(CardSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var handles = session.FindCertificates();
        var result = new List<TokenCertificate>(handles.Count);
        foreach (var handle in handles)
        {
            var der = session.GetBytes(handle, CKA.CKA_VALUE);
            if (der is { Length: > 0 })
            {
                result.Add(new TokenCertificate(handle, der, session.GetBytes(handle, CKA.CKA_ID) ?? []));
            }
        }

        return result;
    }

    /// <summary>Key objects of a class with the given CKA_ID (private keys are only visible after login on most cards).</summary>
    public static IReadOnlyList<IObjectHandle> Keys(CardSession session, CKO keyClass, byte[] id)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.FindKeys(keyClass, id);
    }
}
