using Microsoft.Extensions.Configuration;

namespace Mys.Signing.Bridge.Tests;

/// <summary>The settings file shipped beside the agent never beats the environment or the command line.</summary>
public sealed class AgentConfigurationTests : IDisposable
{
    // A prefix of this test's own, so setting it in the process cannot reach any other test's configuration.
    private const string Prefix = "MYS_AGENT_CONFIGURATION_TEST_";
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("mys-agent-root-").FullName;
    private readonly string _executable = Directory.CreateTempSubdirectory("mys-agent-exe-").FullName;

    public AgentConfigurationTests()
    {
        File.WriteAllText(Path.Combine(_contentRoot, "appsettings.json"), """{ "Bridge": { "Port": 1, "PinTryLimit": 1 } }""");
        File.WriteAllText(
            Path.Combine(_executable, "appsettings.json"),
            """{ "Bridge": { "Port": 2, "AllowedOrigins": [ "https://mys.example.gov.tr" ], "ModulePath": "/shipped.so" } }""");
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Prefix + "Bridge__AllowedOrigins__0", null);
        Directory.Delete(_contentRoot, recursive: true);
        Directory.Delete(_executable, recursive: true);
    }

    [Fact]
    public void The_environment_and_the_command_line_win_over_the_file_beside_the_executable_which_wins_over_the_content_root()
    {
        Environment.SetEnvironmentVariable(Prefix + "Bridge__AllowedOrigins__0", "http://127.0.0.1:5080");
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(_contentRoot, "appsettings.json"), optional: false)
            .AddEnvironmentVariables(Prefix)
            .AddCommandLine(["--Bridge:ModulePath", "/usr/lib/softhsm/libsofthsm2.so"]);

        AgentConfiguration.AddBesideExecutable(builder, _executable);
        var bridge = builder.Build().GetSection(BridgeOptions.Section);

        bridge["AllowedOrigins:0"].ShouldBe("http://127.0.0.1:5080");
        bridge["ModulePath"].ShouldBe("/usr/lib/softhsm/libsofthsm2.so");
        bridge["Port"].ShouldBe("2");
        bridge["PinTryLimit"].ShouldBe("1");
    }

    [Fact]
    public void Without_other_sources_the_file_beside_the_executable_is_read()
    {
        var builder = new ConfigurationBuilder();

        AgentConfiguration.AddBesideExecutable(builder, _executable);

        builder.Build()["Bridge:AllowedOrigins:0"].ShouldBe("https://mys.example.gov.tr");
    }
}
