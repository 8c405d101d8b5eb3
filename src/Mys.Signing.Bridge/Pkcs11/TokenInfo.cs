using Net.Pkcs11Interop.Common;

namespace Mys.Signing.Bridge.Pkcs11;

/// <summary>The parts of CK_TOKEN_INFO the bridge reports or acts on.</summary>
public sealed record TokenInfo(ulong SlotId, string Label, string Manufacturer, string Model, string SerialNumber, ulong Flags)
{
    /// <summary>False for an empty slot token (SoftHSM always shows one); real cards are always initialized.</summary>
    public bool Initialized => Has(CKF.CKF_TOKEN_INITIALIZED);

    public bool PinLocked => Has(CKF.CKF_USER_PIN_LOCKED);

    public bool PinFinalTry => Has(CKF.CKF_USER_PIN_FINAL_TRY);

    public bool PinCountLow => Has(CKF.CKF_USER_PIN_COUNT_LOW);

    public bool ProtectedAuthenticationPath => Has(CKF.CKF_PROTECTED_AUTHENTICATION_PATH);

    private bool Has(ulong flag) => (Flags & flag) != 0;
}
