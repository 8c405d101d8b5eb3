extern alias bridge;

using System.Diagnostics;
using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.TestSupport.Signing;
using Mys.Signing.TestSupport.SoftHsm;
using Net.Pkcs11Interop.Common;
using bridge::Mys.Signing.Bridge;
using bridge::Mys.Signing.Bridge.Card;
using bridge::Mys.Signing.Bridge.Security;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// Signatures per second on SoftHSM2 tokens made for the run (apt: softhsm2, opensc), best of two runs each
/// (the build machines are shared, so single runs are noisy):
/// "raw" = C_SignInit + C_Sign through Pkcs11Interop on a logged-in session (plus the context-specific login when the key demands it);
/// "bridge" = the whole <see cref="CardSigner"/> batch (find certificate, login, sign, verify each signature, logout).
/// Run: dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- bridge-throughput [scale]
/// (scale multiplies the batch sizes 200 RSA / 500 EC / 300 EC always-authenticate; default 1).
/// </summary>
internal static class BridgeThroughputMeasurement
{
    private const string ModulePath = SoftHsmEnvironment.ModulePath;
    private const string TokenLabel = "MYS-BENCH";
    private const string UserPin = "123456";

    public static async Task<int> RunAsync(string[] args)
    {
        var scale = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1;
        SoftHsmEnvironment.RequireModule();
        // The tokens of this process (SOFTHSM2_CONF named natively before the module loads, see SoftHsmEnvironment).
        var softHsm = SoftHsmEnvironment.ForThisProcess;
        softHsm.Clear();
        var folder = softHsm.Folder;
        try
        {
            Run("softhsm2-util", "--init-token", "--free", "--label", TokenLabel, "--so-pin", "12345678", "--pin", UserPin);
            var cases = new[]
            {
                ("RSA-2048", Credential.Rsa(folder, 1), (int)(200 * scale)),
                ("EC P-256", Credential.Ec(folder, 2, alwaysAuthenticate: false), (int)(500 * scale)),
                ("EC P-256 always-authenticate", Credential.Ec(folder, 3, alwaysAuthenticate: true), (int)(300 * scale)),
            };

            var options = Microsoft.Extensions.Options.Options.Create(new BridgeOptions { ModulePath = ModulePath, FinalizeOnShutdown = false });
            var modules = new ModuleProvider(options, NullLogger<ModuleProvider>.Instance);
            var signer = new CardSigner(modules, options);
            foreach (var (name, credential, count) in cases)
            {
                var raw = Math.Max(await RawAsync(modules, credential, count), await RawAsync(modules, credential, count));
                var batch = Math.Max(await BatchAsync(signer, credential, count), await BatchAsync(signer, credential, count));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: raw interop {raw:F0} sig/s, bridge batch {batch:F0} sig/s ({count} digests)"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> RawAsync(ModuleProvider modules, Credential credential, int count)
    {
        using var gate = await CardGate.EnterAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        var module = modules.Resolve().Value;
        var token = TokenObjects.UsableTokens(module).Single(t => t.Label == TokenLabel);
        using var session = module.OpenSession(token.SlotId);
        var pin = Encoding.UTF8.GetBytes(UserPin);
        try
        {
            session.Login(CKU.CKU_USER, pin);
            var key = TokenObjects.Keys(session, CKO.CKO_PRIVATE_KEY, credential.Id).Single();
            var alwaysAuthenticate = session.GetFlag(key, CKA.CKA_ALWAYS_AUTHENTICATE);
            var mechanism = credential.IsRsa ? CKM.CKM_RSA_PKCS : CKM.CKM_ECDSA;
            var input = credential.IsRsa ? DigestAlgorithm.Sha256.DigestInfo(new byte[32]) : new byte[32];
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                _ = alwaysAuthenticate ? session.SignWithContextLogin(mechanism, key, input, pin) : session.Sign(mechanism, key, input);
            }

            return count / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            session.Logout();
        }
    }

    private static async Task<double> BatchAsync(CardSigner signer, Credential credential, int count)
    {
        var digests = Enumerable.Range(0, count).Select(i => SHA256.HashData(BitConverter.GetBytes(i))).ToList();
        using var pin = SensitivePin.FromUtf8(Encoding.UTF8.GetBytes(UserPin));
        var watch = Stopwatch.StartNew();
        var result = await signer.SignAsync(new SignCommand(credential.CertificateDer, DigestAlgorithm.Sha256, digests), pin, CancellationToken.None);
        watch.Stop();
        if (!result.IsSuccess || result.Value.Signatures.Count != count)
        {
            throw new InvalidOperationException($"The batch failed: {result.Error?.Code}");
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    private static void Run(string file, params string[] arguments) => ExternalTools.RunChecked(file, arguments);

    /// <summary>A key and its self-signed NES-like certificate (subject serialNumber = TCKN, nonRepudiation), written to the token.</summary>
    private sealed record Credential(byte[] Id, byte[] CertificateDer, bool IsRsa)
    {
        public static Credential Rsa(string folder, byte id)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest(Subject(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return Import(folder, id, request, key.ExportPkcs8PrivateKey(), key.ExportSubjectPublicKeyInfo(), isRsa: true, alwaysAuthenticate: false);
        }

        public static Credential Ec(string folder, byte id, bool alwaysAuthenticate)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest(Subject(), key, HashAlgorithmName.SHA256);
            return Import(folder, id, request, key.ExportPkcs8PrivateKey(), key.ExportSubjectPublicKeyInfo(), isRsa: false, alwaysAuthenticate);
        }

        private static X500DistinguishedName Subject()
        {
            var name = new X500DistinguishedNameBuilder();
            name.AddCountryOrRegion("TR");
            name.Add("2.5.4.5", "10000000146", UniversalTagNumber.PrintableString);
            name.AddCommonName("Ayşe Yılmaz");
            return name.Build();
        }

        private static Credential Import(string folder, byte id, CertificateRequest request, byte[] pkcs8, byte[] spki, bool isRsa, bool alwaysAuthenticate)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.NonRepudiation, true));
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddYears(1));
            var hexId = Convert.ToHexString([id]);
            foreach (var (type, bytes) in new[] { ("privkey", pkcs8), ("pubkey", spki), ("cert", certificate.RawData) })
            {
                var path = Path.Combine(folder, $"{hexId}.{type}.der");
                File.WriteAllBytes(path, bytes);
                List<string> arguments =
                [
                    "--module", ModulePath, "--token-label", TokenLabel, "--login", "--pin", UserPin,
                    "--write-object", path, "--type", type, "--id", hexId, "--label", $"{TokenLabel}-{hexId}",
                ];
                if (type == "privkey" && alwaysAuthenticate)
                {
                    arguments.Add("--always-auth");
                }

                Run("pkcs11-tool", [.. arguments]);
                File.Delete(path);
            }

            return new Credential([id], certificate.RawData, isRsa);
        }
    }
}
