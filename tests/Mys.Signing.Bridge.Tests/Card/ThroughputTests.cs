using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Pkcs11;
using Mys.Signing.Bridge.Security;
using Mys.Signing.Bridge.Tests.SoftHsm;
using Net.Pkcs11Interop.Common;
using Xunit.Abstractions;

namespace Mys.Signing.Bridge.Tests.Card;

/// <summary>
/// Signatures per second on SoftHSM2, best of two runs (the build machines are shared, so single runs are noisy):
/// "raw" = C_SignInit + C_Sign through Pkcs11Interop on a logged-in session (plus the context-specific login when the key demands it);
/// "bridge" = the whole <see cref="CardSigner"/> batch (find certificate, login, sign, verify each signature, logout).
/// Printed to the test output and to bridge-throughput.txt next to the test assembly.
/// </summary>
[Collection(SoftHsmCollection.Name)]
public sealed class ThroughputTests(SoftHsmFixture hsm, ITestOutputHelper output)
{
    [Fact]
    public async Task Batches_of_hundreds_of_digests_sign_and_report_their_rate()
    {
        var lines = new List<string>();
        foreach (var (name, credential, count) in new[]
        {
            ("RSA-2048", hsm.Rsa, 200),
            ("EC P-256", hsm.EcWithoutAlwaysAuthenticate, 500),
            ("EC P-256 always-authenticate", hsm.Ec, 300),
        })
        {
            var raw = Math.Max(Raw(credential, count), Raw(credential, count));
            var bridge = Math.Max(await Bridge(credential, count), await Bridge(credential, count));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: raw interop {raw:F0} sig/s, bridge batch {bridge:F0} sig/s ({count} digests)"));
        }

        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        await File.WriteAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "bridge-throughput.txt"), lines);
    }

    private double Raw(TestCredential credential, int count)
    {
        using var gate = CardGate.EnterAsync(TimeSpan.FromSeconds(30), CancellationToken.None).Result;
        var module = hsm.Modules.Resolve().Value;
        var token = TokenObjects.UsableTokens(module).Single(t => t.Label == credential.TokenLabel);
        using var session = module.OpenSession(token.SlotId);
        var pin = Encoding.UTF8.GetBytes(SoftHsmFixture.UserPin);
        try
        {
            session.Login(CKU.CKU_USER, pin);
            var key = TokenObjects.Keys(session, CKO.CKO_PRIVATE_KEY, credential.Id).Single();
            var rsa = credential.Certificate.GetKeyAlgorithm() == "1.2.840.113549.1.1.1";
            var alwaysAuthenticate = session.GetFlag(key, CKA.CKA_ALWAYS_AUTHENTICATE);
            var mechanism = rsa ? CKM.CKM_RSA_PKCS : CKM.CKM_ECDSA;
            var input = rsa ? DigestAlgorithm.Sha256.DigestInfo(new byte[32]) : new byte[32];
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

    private async Task<double> Bridge(TestCredential credential, int count)
    {
        var digests = Enumerable.Range(0, count).Select(i => CardSignerTests.Hash(DigestAlgorithm.Sha256, i.ToString(CultureInfo.InvariantCulture))).ToList();
        using var pin = SensitivePin.FromUtf8(Encoding.UTF8.GetBytes(SoftHsmFixture.UserPin));
        var watch = Stopwatch.StartNew();
        var result = await hsm.Signer.SignAsync(new SignCommand(credential.Certificate.RawData, DigestAlgorithm.Sha256, digests), pin, CancellationToken.None);
        watch.Stop();

        result.IsSuccess.ShouldBeTrue(result.Error?.Code);
        result.Value.Signatures.Count.ShouldBe(count);
        return count / watch.Elapsed.TotalSeconds;
    }
}
