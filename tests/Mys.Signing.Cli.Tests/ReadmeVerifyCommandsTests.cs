using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Readme;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Cli.Tests;

/// <summary>
/// README.md's "check our signatures with other tools" block, run by bash from the checkout exactly as a reader
/// copies it: the demo bundle is written and <c>mys verify --offline</c> passes it.
/// </summary>
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
