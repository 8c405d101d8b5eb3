using Mys.Signing.Bridge.Pkcs11;

namespace Mys.Signing.Bridge.Card;

/// <summary>Turns CK_RV values into the bridge's error catalogue.</summary>
public static class CardErrorMapper
{
    public static BridgeError Map(Pkcs11Exception exception, TokenInfo? tokenAfterFailure, int pinTryLimit)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.ReturnValue switch
        {
            Ckr.PinIncorrect when tokenAfterFailure is { PinLocked: true } => BridgeErrors.PinLocked(),
            Ckr.PinIncorrect => BridgeErrors.PinIncorrect(tokenAfterFailure is null ? null : PinTries.Remaining(tokenAfterFailure, pinTryLimit)),
            Ckr.PinLocked => BridgeErrors.PinLocked(),
            Ckr.PinInvalid or Ckr.PinLenRange => BridgeErrors.PinInvalid(),
            Ckr.PinExpired => BridgeErrors.PinExpired(),
            Ckr.TokenNotPresent or Ckr.DeviceRemoved or Ckr.SlotIdInvalid or Ckr.TokenNotRecognized => BridgeErrors.TokenAbsent(),
            Ckr.SessionHandleInvalid or Ckr.SessionClosed => BridgeErrors.SessionLost(),
            Ckr.CryptokiNotInitialized => BridgeErrors.ModuleFailed(),
            Ckr.KeyHandleInvalid or Ckr.ObjectHandleInvalid => BridgeErrors.KeyNotFound(),
            var other => BridgeErrors.CardFailed(other),
        };
    }
}
