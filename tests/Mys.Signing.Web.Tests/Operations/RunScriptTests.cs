using System.Diagnostics;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Operations;

/// <summary>
/// scripts/run.sh's set-up, read in bash as the script does: the public address follows ASPNETCORE_URLS, and the
/// cluster's place is chosen without changing permissions above the checkout.
/// </summary>
public sealed class RunScriptTests
{
    private static readonly string Root = TestDatabase.RepositoryRoot();

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    [InlineData("http://127.0.0.1:5090", "http://127.0.0.1:5090")]
    [InlineData("http://0.0.0.0:8080;https://mys.example.gov.tr", "http://127.0.0.1:8080")]
    [InlineData("http://+:9000/", "http://127.0.0.1:9000")]
    [InlineData("http://[::]:7000", "http://127.0.0.1:7000")]
    [InlineData("https://mys.example.gov.tr", "https://mys.example.gov.tr")]
    public void The_public_address_is_the_first_listening_address_as_a_browser_reaches_it(string urls, string expected) =>
        Bash($"public_base_url '{urls}'").ShouldBe(expected);

    [Fact]
    public void Run_sh_derives_the_verification_and_dev_pki_addresses_from_the_listening_address()
    {
        var run = File.ReadAllText(Path.Combine(Root, "scripts", "run.sh"));
        run.ShouldContain("export Mys__PublicBaseUrl=\"${Mys__PublicBaseUrl:-$base_url}\"");
        run.ShouldContain("export Mys__DevPki__BaseUrl=\"${Mys__DevPki__BaseUrl:-$base_url/devpki}\"");
        run.IndexOf("public_base_url \"$ASPNETCORE_URLS\"", StringComparison.Ordinal).ShouldBeGreaterThan(run.IndexOf("ASPNETCORE_URLS=", StringComparison.Ordinal));
    }

    [Fact]
    public void The_scripts_change_no_permission_above_the_checkout()
    {
        var lib = File.ReadAllText(Path.Combine(Root, "scripts", "lib.sh"));
        lib.ShouldNotContain("chmod o+x");
        lib.ShouldNotContain("ensure_traversable");
        Bash("MYS_PG_DATA_DIR=/srv/mys-pg choose_cluster_home 2>/dev/null; echo \"$PG_DATA $PG_RUN $PG_LOG\"")
            .ShouldBe("/srv/mys-pg/data /srv/mys-pg/run /srv/mys-pg/log");
    }

    private static string Bash(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"source scripts/lib.sh && {command}");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, process.StandardError.ReadToEnd());
        return output.Trim();
    }
}
