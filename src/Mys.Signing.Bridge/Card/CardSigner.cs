using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Mys.Signing.Bridge.Pkcs11;
using Mys.Signing.Bridge.Security;

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
        exception.ReturnValue is Ckr.GeneralError or Ckr.FunctionFailed or Ckr.DeviceError;

    private static bool CertificateStillReadable(Pkcs11Module module, byte[] certificateDer)
    {
        try
        {
            foreach (var token in TokenObjects.UsableTokens(module))
            {
                var session = module.OpenSession(token.SlotId);
                try
                {
                    if (TokenObjects.Certificates(module, session).Any(c => c.Der.AsSpan().SequenceEqual(certificateDer)))
                    {
                        return true;
                    }
                }
                finally
                {
                    module.CloseSession(session);
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
            ulong session;
            try
            {
                session = module.OpenSession(slot);
            }
            catch (Pkcs11Exception e) when (TokenObjects.IsUnusableToken(e))
            {
                continue;
            }

            try
            {
                var certificate = TokenObjects.Certificates(module, session)
                    .FirstOrDefault(c => c.Der.AsSpan().SequenceEqual(command.CertificateDer));
                if (certificate is not null)
                {
                    return SignOnToken(module, slot, session, certificate, command, pin);
                }
            }
            finally
            {
                module.CloseSession(session);
            }
        }

        return BridgeErrors.CertificateNotOnCard();
    }

    private BridgeResult<SignOutcome> SignOnToken(
        Pkcs11Module module, ulong slot, ulong session, TokenCertificate certificate, SignCommand command, SensitivePin pin)
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

        if (Login(module, session, slot, Ck.UserUser, pin) is { } loginError)
        {
            return loginError;
        }

        try
        {
            var keys = TokenObjects.Keys(module, session, Ck.ObjectPrivateKey, certificate.Id);
            if (certificate.Id.Length == 0 || keys.Count == 0)
            {
                return BridgeErrors.KeyNotFound();
            }

            var key = keys[0];
            var keyType = TokenObjects.UlongAttribute(module, session, key, Ck.AttrKeyType);
            if (keyType is { } type && type != (description.IsRsa ? Ck.KeyRsa : Ck.KeyEc))
            {
                return BridgeErrors.KeyNotFound();
            }

            var alwaysAuthenticate = TokenObjects.BoolAttribute(module, session, key, Ck.AttrAlwaysAuthenticate);
            using var check = new SignatureCheck(x509);
            var signatures = new List<byte[]>(command.Digests.Count);
            foreach (var digest in command.Digests)
            {
                module.SignInit(session, description.IsRsa ? Ck.MechRsaPkcs : Ck.MechEcdsa, key);
                if (alwaysAuthenticate && Login(module, session, slot, Ck.UserContextSpecific, pin) is { } contextError)
                {
                    return contextError;
                }

                var signature = module.Sign(session, description.IsRsa ? command.Algorithm.DigestInfo(digest) : digest);
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
            module.Logout(session);
        }
    }

    private BridgeError? Login(Pkcs11Module module, ulong session, ulong slot, ulong userType, SensitivePin pin)
    {
        try
        {
            module.Login(session, userType, pin.Utf8);
            return null;
        }
        catch (Pkcs11Exception e) when (e.ReturnValue == Ckr.UserAlreadyLoggedIn && userType == Ck.UserUser)
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
