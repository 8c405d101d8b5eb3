using System.Net;
using Microsoft.Extensions.Options;
using Mys.Signing.Bridge;
using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Commands;
using Mys.Signing.Bridge.Contracts;
using Mys.Signing.Bridge.Http;
using Mys.Signing.Bridge.Security;

if (args.Length > 0 && args[0] == "code")
{
    return await CodeCommandHost.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

// Next to the executable too, so a single-file bridge started from a shortcut finds its settings. It goes below the
// environment and the command line: `Bridge__AllowedOrigins__0=…` must beat the shipped placeholder origin.
AgentConfiguration.AddBesideExecutable(builder.Configuration, AppContext.BaseDirectory);
builder.Configuration
    .AddCommandLine(args, new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--port"] = "Bridge:Port",
        ["--module"] = "Bridge:ModulePath",
    });

var section = builder.Configuration.GetSection(BridgeOptions.Section);
builder.Services.Configure<BridgeOptions>(section);
var port = section.GetValue("Port", 17357);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Loopback, port); // 127.0.0.1 only: never reachable from the network
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = 1 << 20;
});
builder.Services.ConfigureHttpJsonOptions(json => BridgeJson.Configure(json.SerializerOptions));
builder.Services.AddSingleton<ModuleProvider>();
builder.Services.AddSingleton<CardSigner>();
builder.Services.AddSingleton<StatusHandler>();
builder.Services.AddSingleton<CertificatesHandler>();
builder.Services.AddSingleton<SignHandler>();
builder.Services.AddSingleton<LocalPageToken>();
builder.Services.AddSingleton<PendingCodeJobs>();
builder.Services.AddHttpClient<CodeFlowClient>(client => client.Timeout = TimeSpan.FromSeconds(60));

var app = builder.Build();
app.UseMiddleware<OriginPolicyMiddleware>();
app.MapBridgeEndpoints();
app.MapLocalCodePage();
app.Lifetime.ApplicationStopped.Register(() =>
{
    if (app.Services.GetRequiredService<IOptions<BridgeOptions>>().Value.FinalizeOnShutdown)
    {
        ModuleProvider.FinalizeAll();
    }
});

await app.RunAsync();
return 0;

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;
