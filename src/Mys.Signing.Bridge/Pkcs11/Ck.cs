namespace Mys.Signing.Bridge.Pkcs11;

/// <summary>PKCS#11 v2.40 constants the bridge uses (values from the standard's pkcs11t.h).</summary>
internal static class Ck
{
    // object classes (CKO_*)
    public const ulong ObjectCertificate = 0x1;
    public const ulong ObjectPublicKey = 0x2;
    public const ulong ObjectPrivateKey = 0x3;

    // attributes (CKA_*)
    public const ulong AttrClass = 0x0;
    public const ulong AttrToken = 0x1;
    public const ulong AttrLabel = 0x3;
    public const ulong AttrValue = 0x11;
    public const ulong AttrCertificateType = 0x80;
    public const ulong AttrKeyType = 0x100;
    public const ulong AttrId = 0x102;
    public const ulong AttrSign = 0x108;
    public const ulong AttrAlwaysAuthenticate = 0x202;

    public const ulong CertificateX509 = 0x0;

    // key types (CKK_*)
    public const ulong KeyRsa = 0x0;
    public const ulong KeyEc = 0x3;

    // mechanisms (CKM_*)
    public const ulong MechRsaPkcs = 0x1;
    public const ulong MechEcdsa = 0x1041;

    // user types (CKU_*)
    public const ulong UserUser = 1;
    public const ulong UserContextSpecific = 2;

    // flags (CKF_*)
    public const ulong SlotTokenPresent = 0x1;
    public const ulong SessionRw = 0x2;
    public const ulong SessionSerial = 0x4;
    public const ulong InitOsLockingOk = 0x2;
    public const ulong TokenLoginRequired = 0x4;
    public const ulong TokenProtectedAuthenticationPath = 0x100;
    public const ulong TokenInitialized = 0x400;
    public const ulong TokenUserPinCountLow = 0x10000;
    public const ulong TokenUserPinFinalTry = 0x20000;
    public const ulong TokenUserPinLocked = 0x40000;
}

/// <summary>CK_RV values (pkcs11t.h) the bridge reacts to.</summary>
public static class Ckr
{
    public const ulong Ok = 0x0;
    public const ulong Cancel = 0x1;
    public const ulong HostMemory = 0x2;
    public const ulong SlotIdInvalid = 0x3;
    public const ulong GeneralError = 0x5;
    public const ulong FunctionFailed = 0x6;
    public const ulong ArgumentsBad = 0x7;
    public const ulong AttributeSensitive = 0x11;
    public const ulong AttributeTypeInvalid = 0x12;
    public const ulong DataLenRange = 0x21;
    public const ulong DeviceError = 0x30;
    public const ulong DeviceMemory = 0x31;
    public const ulong DeviceRemoved = 0x32;
    public const ulong FunctionNotSupported = 0x54;
    public const ulong KeyHandleInvalid = 0x60;
    public const ulong KeyTypeInconsistent = 0x63;
    public const ulong KeyFunctionNotPermitted = 0x68;
    public const ulong MechanismInvalid = 0x70;
    public const ulong ObjectHandleInvalid = 0x82;
    public const ulong OperationActive = 0x90;
    public const ulong OperationNotInitialized = 0x91;
    public const ulong PinIncorrect = 0xA0;
    public const ulong PinInvalid = 0xA1;
    public const ulong PinLenRange = 0xA2;
    public const ulong PinExpired = 0xA3;
    public const ulong PinLocked = 0xA4;
    public const ulong SessionClosed = 0xB0;
    public const ulong SessionHandleInvalid = 0xB3;
    public const ulong TokenNotPresent = 0xE0;
    public const ulong TokenNotRecognized = 0xE1;
    public const ulong UserAlreadyLoggedIn = 0x100;
    public const ulong UserNotLoggedIn = 0x101;
    public const ulong UserPinNotInitialized = 0x102;
    public const ulong BufferTooSmall = 0x150;
    public const ulong CryptokiNotInitialized = 0x190;
    public const ulong CryptokiAlreadyInitialized = 0x191;
}
