namespace Mys.Signing.Bridge.Pkcs11;

/// <summary>The parts of CK_TOKEN_INFO the bridge reports or acts on.</summary>
public sealed record TokenInfo(ulong SlotId, string Label, string Manufacturer, string Model, string SerialNumber, ulong Flags)
{
    /// <summary>False for an empty slot token (SoftHSM always shows one); real cards are always initialized.</summary>
    public bool Initialized => (Flags & Ck.TokenInitialized) != 0;

    public bool PinLocked => (Flags & Ck.TokenUserPinLocked) != 0;

    public bool PinFinalTry => (Flags & Ck.TokenUserPinFinalTry) != 0;

    public bool PinCountLow => (Flags & Ck.TokenUserPinCountLow) != 0;

    public bool ProtectedAuthenticationPath => (Flags & Ck.TokenProtectedAuthenticationPath) != 0;
}

/// <summary>The parts of CK_SLOT_INFO the bridge reports.</summary>
public sealed record SlotInfo(ulong SlotId, string Description, string Manufacturer, ulong Flags)
{
    public bool TokenPresent => (Flags & Ck.SlotTokenPresent) != 0;
}
