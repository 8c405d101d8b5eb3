namespace Mys.Signing.Bridge;

/// <summary>Settings from appsettings.json, environment (Bridge__Port) or the command line (--port, --module, --Bridge:...).</summary>
public sealed class BridgeOptions
{
    public const string Section = "Bridge";

    /// <summary>Loopback port. 16357 is taken by the existing ArkSigner service, so the default differs.</summary>
    public int Port { get; set; } = 17357;

    /// <summary>One PKCS#11 module to use; when empty the platform defaults are searched in order.</summary>
    public string? ModulePath { get; set; }

    /// <summary>Exact origins (scheme://host[:port]) allowed to call the bridge. No wildcards.</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>PIN tries a card allows before locking (Turkish NES cards: 3); used to turn token flags into a count.</summary>
    public int PinTryLimit { get; set; } = 3;

    public int MaxDigestsPerRequest { get; set; } = 100;

    /// <summary>C_Finalize the modules when the host stops (off in tests that share one process-wide module).</summary>
    public bool FinalizeOnShutdown { get; set; } = true;

    /// <summary>How long a request waits for another card operation to finish.</summary>
    public TimeSpan CardWaitTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
