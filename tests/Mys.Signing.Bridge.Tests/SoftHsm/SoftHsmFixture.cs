using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mys.Signing.Bridge.Card;
using Mys.Signing.TestSupport.Signing;
using Mys.Signing.TestSupport.SoftHsm;

namespace Mys.Signing.Bridge.Tests.SoftHsm;

/// <summary>
/// Real SoftHSM2 tokens for the whole test assembly (apt: softhsm2, opensc):
/// MYS-MAIN   RSA-2048 NES cert (id 01), EC P-256 NES cert with CKA_ALWAYS_AUTHENTICATE (id 02),
///            an authentication-only cert without nonRepudiation (id 03), EC P-256 without always-authenticate (id 04);
/// MYS-PIN    fresh token for wrong-PIN tests; MYS-FINAL flagged "final try"; MYS-LOCKED flagged "locked".
/// </summary>
public sealed class SoftHsmFixture : IDisposable
{
    public const string ModulePath = SoftHsmEnvironment.ModulePath;
    public const string UserPin = "123456";
    public const string SoPin = "12345678";
    public const string AllowedOrigin = "https://mys.example.gov.tr";
    public const string Tckn = "10000000146";

    private readonly TestCertificates _pki = new();

    public SoftHsmFixture()
    {
        SoftHsmEnvironment.RequireModule();
        SoftHsm.Clear(); // tokens of an earlier run with the same process id

        Rsa = _pki.Rsa("MYS-MAIN", 1, "Ayşe Yılmaz", Tckn);
        Ec = _pki.Ec("MYS-MAIN", 2, "Ayşe Yılmaz", Tckn);
        EcWithoutAlwaysAuthenticate = _pki.Ec("MYS-MAIN", 4, "Ayşe Yılmaz", Tckn);
        AuthenticationOnly = _pki.Rsa("MYS-MAIN", 3, "Ayşe Yılmaz Kimlik Doğrulama", Tckn, nonRepudiation: false);
        PinTarget = _pki.Rsa("MYS-PIN", 1, "Mehmet Öztürk", "10000000078");
        FinalTry = _pki.Rsa("MYS-FINAL", 1, "Zeynep Çelik", "10000000146");
        Locked = _pki.Rsa("MYS-LOCKED", 1, "İsmail Şahin", "10000000146");
        NotOnAnyCard = _pki.Rsa("NONE", 1, "Kartta Olmayan", "10000000146");

        InitToken("MYS-MAIN");
        Import(Rsa, alwaysAuthenticate: false);
        Import(Ec, alwaysAuthenticate: true);
        Import(EcWithoutAlwaysAuthenticate, alwaysAuthenticate: false);
        Import(AuthenticationOnly, alwaysAuthenticate: false);
        foreach (var credential in new[] { PinTarget, FinalTry, Locked })
        {
            InitToken(credential.TokenLabel);
            Import(credential, alwaysAuthenticate: false);
        }

        TokenFlags.Add(SoftHsm.TokenDirectory, "MYS-FINAL", TokenFlags.UserPinCountLow | TokenFlags.UserPinFinalTry);
        TokenFlags.Add(SoftHsm.TokenDirectory, "MYS-LOCKED", TokenFlags.UserPinLocked);

        Options = Microsoft.Extensions.Options.Options.Create(new BridgeOptions { ModulePath = ModulePath, FinalizeOnShutdown = false });
        Modules = new ModuleProvider(Options, NullLogger<ModuleProvider>.Instance);
        Signer = new CardSigner(Modules, Options);
        Http = new BridgeFactory();
    }

    /// <summary>The test process's token store (named natively by <see cref="SoftHsmModuleInitializer"/>).</summary>
    public static SoftHsmEnvironment SoftHsm => SoftHsmEnvironment.ForThisProcess;

    public TestCredential Rsa { get; }

    public TestCredential Ec { get; }

    public TestCredential EcWithoutAlwaysAuthenticate { get; }

    public TestCredential AuthenticationOnly { get; }

    public TestCredential PinTarget { get; }

    public TestCredential FinalTry { get; }

    public TestCredential Locked { get; }

    public TestCredential NotOnAnyCard { get; }

    public IOptions<BridgeOptions> Options { get; }

    public ModuleProvider Modules { get; }

    public CardSigner Signer { get; }

    public BridgeFactory Http { get; }

    public void Dispose()
    {
        Http.Dispose();
        _pki.Dispose();
        // The module stays initialized until the process ends (other fixtures may still run); the files can go.
        try
        {
            Directory.Delete(SoftHsm.Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void InitToken(string label) =>
        Run("softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", SoPin, "--pin", UserPin);

    private static void Import(TestCredential credential, bool alwaysAuthenticate)
    {
        var folder = Path.Combine(SoftHsm.Folder, "import");
        Directory.CreateDirectory(folder);
        var id = Convert.ToHexString(credential.Id);
        var files = new[]
        {
            ("privkey", credential.Pkcs8PrivateKey),
            ("pubkey", credential.PublicKeyInfo),
            ("cert", credential.Certificate.RawData),
        };
        foreach (var (type, bytes) in files)
        {
            var path = Path.Combine(folder, $"{credential.TokenLabel}-{id}.{type}.der");
            File.WriteAllBytes(path, bytes);
            List<string> arguments =
            [
                "--module", ModulePath, "--token-label", credential.TokenLabel, "--login", "--pin", UserPin,
                "--write-object", path, "--type", type, "--id", id, "--label", $"{credential.TokenLabel}-{id}",
            ];
            if (type == "privkey" && alwaysAuthenticate)
            {
                arguments.Add("--always-auth");
            }

            Run("pkcs11-tool", [.. arguments]);
            File.Delete(path); // the private key does not linger on disk
        }
    }

    private static void Run(string tool, params string[] arguments)
    {
        var (exitCode, output) = ExternalTools.RunWithEnvironment(SoftHsm.Variables, tool, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited {exitCode}: {output}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SoftHsmCollection : ICollectionFixture<SoftHsmFixture>
{
    public const string Name = "softhsm";
}
