using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Security;
using Mys.Signing.Bridge.Tests.SoftHsm;
using Xunit.Abstractions;

namespace Mys.Signing.Bridge.Tests.Card;

/// <summary>
/// Signatures per second through the interop on SoftHSM2, one login per batch, each signature verified
/// against the certificate as the bridge always does. Printed to the test output and to bridge-throughput.txt.
/// </summary>
[Collection(SoftHsmCollection.Name)]
public sealed class ThroughputTests(SoftHsmFixture hsm, ITestOutputHelper output)
{
    [Fact]
    public async Task Measures_signatures_per_second_for_rsa_and_ec()
    {
        var rsa = await Measure(hsm.Rsa, 300);
        var ec = await Measure(hsm.Ec, 1000);

        var line = string.Create(CultureInfo.InvariantCulture,
            $"SoftHSM2 via Mys.Signing.Bridge interop: RSA-2048 {rsa:F0} sig/s; EC P-256 (always-authenticate, context login per signature) {ec:F0} sig/s");
        output.WriteLine(line);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "bridge-throughput.txt"), line + "\n");
        rsa.ShouldBeGreaterThan(50);
        ec.ShouldBeGreaterThan(50);
    }

    private async Task<double> Measure(TestCredential credential, int count)
    {
        var digests = Enumerable.Range(0, count).Select(i => CardSignerTests.Hash(DigestAlgorithm.Sha256, i.ToString(CultureInfo.InvariantCulture))).ToList();
        using var pin = SensitivePin.FromUtf8(Encoding.UTF8.GetBytes(SoftHsmFixture.UserPin));
        var command = new SignCommand(credential.Certificate.RawData, DigestAlgorithm.Sha256, digests);
        (await hsm.Signer.SignAsync(command with { Digests = digests.Take(5).ToList() }, pin, CancellationToken.None)).IsSuccess.ShouldBeTrue();

        var watch = Stopwatch.StartNew();
        var result = await hsm.Signer.SignAsync(command, pin, CancellationToken.None);
        watch.Stop();

        result.IsSuccess.ShouldBeTrue(result.Error?.Code);
        result.Value.Signatures.Count.ShouldBe(count);
        return count / watch.Elapsed.TotalSeconds;
    }
}
