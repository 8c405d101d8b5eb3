using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mys.Signing.Bridge.Card;

namespace Mys.Signing.Bridge.Commands;

/// <summary>Runs <c>mys-bridge code …</c> in the console with the same settings as the HTTP bridge.</summary>
public static class CodeCommandHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var console = new SystemCodeConsole();
        var parsed = CodeArguments.Parse(args, console.WriteLine);
        if (parsed is null)
        {
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var settings = new BridgeOptions();
        configuration.GetSection(BridgeOptions.Section).Bind(settings);
        var module = Array.IndexOf(args, "--module");
        if (module > 0 && module + 1 < args.Length)
        {
            settings.ModulePath = args[module + 1];
        }
        var options = Options.Create(settings);
        var modules = new ModuleProvider(options, NullLogger<ModuleProvider>.Instance);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            return await new CodeCommand(modules, new CardSigner(modules, options), options, http, console).RunAsync(parsed, CancellationToken.None);
        }
        finally
        {
            ModuleProvider.FinalizeAll();
        }
    }
}
