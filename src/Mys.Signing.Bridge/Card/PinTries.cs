using Mys.Signing.Bridge.Pkcs11;

namespace Mys.Signing.Bridge.Card;

/// <summary>
/// PKCS#11 does not report a try counter, only flags: COUNT_LOW (a wrong PIN since the last good one),
/// FINAL_TRY and LOCKED. With a 3-try card (Turkish NES) that is exact: COUNT_LOW alone means 2 left.
/// For other limits COUNT_LOW gives no number and the result is null.
/// </summary>
public static class PinTries
{
    public static int? Remaining(TokenInfo token, int tryLimit)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.PinLocked ? 0
            : token.PinFinalTry ? 1
            : token.PinCountLow && tryLimit == 3 ? 2
            : null;
    }
}
