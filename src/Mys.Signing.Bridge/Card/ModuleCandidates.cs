namespace Mys.Signing.Bridge.Card;

/// <summary>Where card middleware usually installs its PKCS#11 module, most specific first.</summary>
public static class ModuleCandidates
{
    public static IReadOnlyList<string> Windows { get; } =
    [
        "akisp11.dll", // AKİS (TÜBİTAK BİLGEM), the Kamu SM NES card
        "eTPKCS11.dll", // SafeNet eToken / Authentication Client
        "aetpkss1.dll", // SafeSign (A.E.T.)
        "opensc-pkcs11.dll",
        @"C:\Program Files\OpenSC Project\OpenSC\pkcs11\opensc-pkcs11.dll",
        @"C:\SoftHSM2\lib\softhsm2-x64.dll", // development only
    ];

    public static IReadOnlyList<string> Linux { get; } =
    [
        "libakisp11.so",
        "/usr/lib/libakisp11.so",
        "libeTPkcs11.so",
        "/usr/lib/libeTPkcs11.so",
        "libaetpkss.so",
        "/usr/lib/libaetpkss.so",
        "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
        "/usr/lib/softhsm/libsofthsm2.so", // development only
    ];

    public static IReadOnlyList<string> MacOs { get; } =
    [
        "/usr/local/lib/libakisp11.dylib",
        "/Library/OpenSC/lib/opensc-pkcs11.so",
        "/usr/local/lib/softhsm/libsofthsm2.so",
    ];

    public static IReadOnlyList<string> ForCurrentPlatform(string? configured) =>
        !string.IsNullOrWhiteSpace(configured) ? [configured]
        : OperatingSystem.IsWindows() ? Windows
        : OperatingSystem.IsMacOS() ? MacOs
        : Linux;
}
