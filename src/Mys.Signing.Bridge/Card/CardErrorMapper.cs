using Mys.Signing.Bridge.Pkcs11;
using Net.Pkcs11Interop.Common;
using Pkcs11Exception = Mys.Signing.Bridge.Pkcs11.Pkcs11Exception;

namespace Mys.Signing.Bridge.Card;

/// <summary>Turns CK_RV values into the bridge's error catalogue.</summary>
public static class CardErrorMapper
{
    public static BridgeError Map(Pkcs11Exception exception, TokenInfo? tokenAfterFailure, int pinTryLimit)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.ReturnValue switch
        {
            CKR.CKR_PIN_INCORRECT when tokenAfterFailure is { PinLocked: true } => BridgeErrors.PinLocked(),
            CKR.CKR_PIN_INCORRECT => BridgeErrors.PinIncorrect(tokenAfterFailure is null ? null : PinTries.Remaining(tokenAfterFailure, pinTryLimit)),
            CKR.CKR_PIN_LOCKED => BridgeErrors.PinLocked(),
            CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LEN_RANGE => BridgeErrors.PinInvalid(),
            CKR.CKR_PIN_EXPIRED => BridgeErrors.PinExpired(),
            CKR.CKR_TOKEN_NOT_PRESENT or CKR.CKR_DEVICE_REMOVED or CKR.CKR_SLOT_ID_INVALID or CKR.CKR_TOKEN_NOT_RECOGNIZED => BridgeErrors.TokenAbsent(),
            CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_SESSION_CLOSED => BridgeErrors.SessionLost(),
            CKR.CKR_CRYPTOKI_NOT_INITIALIZED => BridgeErrors.ModuleFailed(),
            CKR.CKR_KEY_HANDLE_INVALID or CKR.CKR_OBJECT_HANDLE_INVALID => BridgeErrors.KeyNotFound(),
            var other => BridgeErrors.CardFailed((ulong)other),
        };
    }
}
