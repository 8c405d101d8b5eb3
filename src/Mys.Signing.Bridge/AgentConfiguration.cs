using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace Mys.Signing.Bridge;

/// <summary>Where the agent's own settings file sits among the configuration sources.</summary>
public static class AgentConfiguration
{
    /// <summary>
    /// Adds the appsettings.json beside the executable after the last JSON file already there (so it still beats the
    /// content root's) and below every environment-variable and command-line source after it, so what the user
    /// sets in the environment or on the command line wins over the file shipped with the agent.
    /// </summary>
    public static void AddBesideExecutable(IConfigurationBuilder configuration, string executableFolder)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var source = new JsonConfigurationSource
        {
            Path = Path.Combine(executableFolder, "appsettings.json"),
            Optional = true,
            ReloadOnChange = false,
        };
        source.ResolveFileProvider();
        var sources = configuration.Sources;
        var position = sources.Count;
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            if (sources[i] is JsonConfigurationSource)
            {
                position = i + 1;
                break;
            }

            if (sources[i] is EnvironmentVariablesConfigurationSource or CommandLineConfigurationSource)
            {
                position = i;
            }
        }

        sources.Insert(position, source);
    }
}
