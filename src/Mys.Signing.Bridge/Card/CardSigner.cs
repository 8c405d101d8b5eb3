using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Mys.Signing.Bridge.Pkcs11;
using Mys.Signing.Bridge.Security;
using Net.Pkcs11Interop.Common;
using Pkcs11Exception = Mys.Signing.Bridge.Pkcs11.Pkcs11Exception;

namespace Mys.Signing.Bridge.Card;

/// <summary>What to sign: already validated (certificate parsed, digest lengths checked).</summary>
public sealed record SignCommand(byte[] CertificateDer, DigestAlgorithm Algorithm, IReadOnlyList<byte[]> Digests);

/// <summary>Signatures in request order: RSA PKCS#1 v1.5 bytes, or ECDSA raw r‖s.</summary>
public sealed record SignOutcome(IReadOnlyList<byte[]> Signatures, string SignatureAlgorithm, string SignatureFormat, TokenInfo Token);

/// <summary>
/// Signs digests with the key of the given certificate: finds the certificate on the present tokens,
/// logs in once for the whole batch (plus a context-specific login per signature when the key demands it),
/// checks every signature against the certificate, and logs out.
/// </summary>
public sealed class CardSigner(ModuleProvider modules, IOptions<BridgeOptions> options)
{
    private BridgeOptions Options => options.Value;

    public async Task<BridgeResult<SignOutcome>> SignAsync(SignCommand command, SensitivePin pin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(pin);
        return await modules.UseCardAsync(module =>
        {
            try
            {
                return Sign(module, command, pin);
            }
            catch (Pkcs11Exception e) when (MayMeanRemoval(e) && !CertificateStillReadable(module, command.CertificateDer))
            {
                // Some modules answer a pulled card with a generic error instead of CKR_DEVICE_REMOVED (SoftHSM2 with
                // CKR_GENERAL_ERROR when the token's files vanish); if the certificate can no longer be read, say so.
                return BridgeErrors.TokenAbsent();
            }
        }, cancellationToken);
    }

    private static bool MayMeanRemoval(Pkcs11Exception exception) =>
        exception.ReturnValue is CKR.CKR_GENERAL_ERROR or CKR.CKR_FUNCTION_FAILED or CKR.CKR_DEVICE_ERROR;

    private static bool CertificateStillReadable(Pkcs11Module module, byte[] certificateDer)
    {
        try
        {
            foreach (var token in TokenObjects.UsableTokens(module))
            {
                using var session = module.OpenSession(token.SlotId);
                if (TokenObjects.Certificates(session).Any(c => c.Der.AsSpan().SequenceEqual(certificateDer)))
                {
                    return true;
                }
            }

            return false;
        }
        catch (Pkcs11Exception)
        {
            return false;
        }
    }

    private BridgeResult<SignOutcome> Sign(Pkcs11Module module, SignCommand command, SensitivePin pin)
    {
        var tokens = TokenObjects.UsableTokens(module);
        if (tokens.Count == 0)
        {
            return BridgeErrors.TokenAbsent();
        }

        foreach (var token in tokens)
        {
            var slot = token.SlotId;
            CardSession session;
            try
            {
                session = module.OpenSession(slot);
            }
            catch (Pkcs11Exception e) when (TokenObjects.IsUnusableToken(e))
            {
                continue;
            }

            using (session)
            {
                var certificate = TokenObjects.Certificates(session)
                    .FirstOrDefault(c => c.Der.AsSpan().SequenceEqual(command.CertificateDer));
                if (certificate is not null)
                {
                    return SignOnToken(module, slot, session, certificate, command, pin);
                }
            }
        }

        return BridgeErrors.CertificateNotOnCard();
    }

    private BridgeResult<SignOutcome> SignOnToken(
        Pkcs11Module module, ulong slot, CardSession session, TokenCertificate certificate, SignCommand command, SensitivePin pin)
    {
        var token = module.GetTokenInfo(slot);
        if (token.PinLocked)
        {
            return BridgeErrors.PinLocked();
        }

        if (pin.IsEmpty && !token.ProtectedAuthenticationPath)
        {
            return BridgeErrors.PinRequired();
        }

        using var x509 = X509CertificateLoader.LoadCertificate(certificate.Der);
        var description = CertificateDescription.Of(x509);
        if (!description.IsRsa && description.KeyType != "EC")
        {
            return BridgeErrors.UnsupportedAlgorithm();
        }

        if (Login(module, session, slot, pin) is { } loginError)
        {
            return loginError;
        }

        try
        {
            var keys = TokenObjects.Keys(session, CKO.CKO_PRIVATE_KEY, certificate.Id);
            if (certificate.Id.Length == 0 || keys.Count == 0)
            {
                return BridgeErrors.KeyNotFound();
            }

            var key = keys[0];
            var keyType = session.GetNumber(key, CKA.CKA_KEY_TYPE);
            if (keyType is { } type && type != (ulong)(description.IsRsa ? CKK.CKK_RSA : CKK.CKK_EC))
            {
                return BridgeErrors.KeyNotFound();
            }

            var alwaysAuthenticate = session.GetFlag(key, CKA.CKA_ALWAYS_AUTHENTICATE);
            var mechanism = description.IsRsa ? CKM.CKM_RSA_PKCS : CKM.CKM_ECDSA;
            using var check = new SignatureCheck(x509);
            var signatures = new List<byte[]>(command.Digests.Count);
            foreach (var digest in command.Digests)
            {
                var input = description.IsRsa ? command.Algorithm.DigestInfo(digest) : digest;
                byte[] signature;
                try
                {
                    signature = alwaysAuthenticate
                        ? session.SignWithContextLogin(mechanism, key, input, pin.Utf8)
                        : session.Sign(mechanism, key, input);
                }
                catch (Pkcs11Exception e) when (alwaysAuthenticate && e.Function == "C_Login")
                {
                    return CardErrorMapper.Map(e, TokenAfterFailure(module, slot), Options.PinTryLimit);
                }

                if (!check.Verifies(command.Algorithm, digest, signature))
                {
                    return BridgeErrors.WrongSignature();
                }

                signatures.Add(signature);
            }

            return BridgeResult<SignOutcome>.Success(new SignOutcome(
                signatures,
                description.IsRsa ? command.Algorithm.RsaSignatureName : command.Algorithm.EcSignatureName,
                description.IsRsa ? "pkcs1-v1_5" : "raw-r-s",
                token));
        }
        finally
        {
            session.Logout();
        }
    }

    private BridgeError? Login(Pkcs11Module module, CardSession session, ulong slot, SensitivePin pin)
    {
        try
        {
            session.Login(CKU.CKU_USER, pin.Utf8);
            return null;
        }
        catch (Pkcs11Exception e) when (e.ReturnValue == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            return null;
        }
        catch (Pkcs11Exception e)
        {
            return CardErrorMapper.Map(e, TokenAfterFailure(module, slot), Options.PinTryLimit);
        }
    }

    private static TokenInfo? TokenAfterFailure(Pkcs11Module module, ulong slot)
    {
        try
        {
            return module.GetTokenInfo(slot);
        }
        catch (Pkcs11Exception)
        {
            return null;
        }
    }
}
