using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Security;
using Mys.Signing.Bridge.Tests.SoftHsm;

namespace Mys.Signing.Bridge.Tests.Card;

[Collection(SoftHsmCollection.Name)]
public sealed class ModuleAndGateTests(SoftHsmFixture hsm)
{
    private static readonly string[] NotPkcs11Candidates = ["/usr/lib/x86_64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1"];

    [Fact]
    public void Missing_module_is_reported_as_not_found()
    {
        var provider = Provider("/opt/nowhere/libakisp11.so");

        provider.Resolve().Error!.Code.ShouldBe("AGENT_MODULE_NOT_FOUND");
    }

    [Fact]
    public void Library_that_is_not_a_pkcs11_module_is_reported_as_a_module_error()
    {
        var notPkcs11 = NotPkcs11Candidates.FirstOrDefault(File.Exists);
        if (notPkcs11 is null)
        {
            return; // no such library on this machine: nothing to prove
        }

        Provider(notPkcs11).Resolve().Error!.Code.ShouldBe("AGENT_MODULE_ERROR");
    }

    [Fact]
    public async Task Second_card_operation_waits_and_then_reports_busy()
    {
        var options = Options.Create(new BridgeOptions { ModulePath = SoftHsmFixture.ModulePath, CardWaitTimeout = TimeSpan.FromMilliseconds(100) });
        var signer = new CardSigner(new ModuleProvider(options, NullLogger<ModuleProvider>.Instance), options);
        using var pin = SensitivePin.FromUtf8(Encoding.UTF8.GetBytes(SoftHsmFixture.UserPin));
        var command = new SignCommand(hsm.Rsa.Certificate.RawData, DigestAlgorithm.Sha256, [new byte[32]]);

        using (await CardGate.EnterAsync(TimeSpan.FromSeconds(30), CancellationToken.None))
        {
            (await signer.SignAsync(command, pin, CancellationToken.None)).Error!.Code.ShouldBe("AGENT_BUSY");
        }

        (await signer.SignAsync(command, pin, CancellationToken.None)).IsSuccess.ShouldBeTrue();
    }

    private static ModuleProvider Provider(string path) =>
        new(Options.Create(new BridgeOptions { ModulePath = path }), NullLogger<ModuleProvider>.Instance);
}
