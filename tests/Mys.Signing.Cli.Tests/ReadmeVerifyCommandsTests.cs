using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Readme;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Cli.Tests;

/// <summary>
/// README.md's "check our signatures with other tools" block, run by bash from the checkout exactly as a reader
/// copies it: the demo bundle is written and <c>mys verify --offline</c> passes it. Slow (docs/testing.md): two fresh
/// <c>dotnet mys.dll</c> processes, each compiling the whole command line and the first a new dev PKI; the same commands
/// run in-process in the fast subset (<see cref="MysDemoBundleTests"/>, <see cref="MysVerifyTests"/>).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class ReadmeVerifyCommandsTests
{
    [Fact]
    public async Task The_readme_demo_bundle_and_verify_commands_pass()
    {
        var block = ReadmeCommands.Block("mys.dll demo-bundle", typeof(ReadmeVerifyCommandsTests).Assembly);

        var result = await ExternalTools.RunAsync(new ToolCommand("bash", ["-e", "-c", block])
        {
            WorkingDirectory = TestDatabase.RepositoryRoot(),
            Timeout = TimeSpan.FromMinutes(5),
        });

        result.ExitCode.ShouldBe(0, result.Output);
        result.StandardOutput.ShouldContain("TOTAL-PASSED");
        result.StandardOutput.ShouldNotContain("TOTAL-FAILED");
        result.StandardOutput.ShouldNotContain("INDETERMINATE");
    }
}
