using System.Reflection;
using Microsoft.Extensions.Options;
using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Contracts;
using Mys.Signing.Bridge.Pkcs11;

namespace Mys.Signing.Bridge.Commands;

/// <summary>GET /v1/status: agent version, which module is in use and which tokens are present (no login).</summary>
public sealed class StatusHandler(ModuleProvider modules, IOptions<BridgeOptions> options)
{
    public static string Version { get; } =
        typeof(StatusHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    public async Task<IResult> HandleAsync(CancellationToken cancellationToken)
    {
        using var gate = await CardGate.EnterAsync(options.Value.CardWaitTimeout, cancellationToken);
        if (gate is null)
        {
            return BridgeJson.Error(BridgeErrors.Busy());
        }

        var searched = modules.Candidates;
        var module = modules.Resolve();
        if (!module.IsSuccess)
        {
            return Results.Json(
                new StatusResponse("Mys.Signing.Bridge", Version, Pkcs11Module.PlatformName, new ModuleStatus(false, null, searched, module.Error!.Code), []),
                BridgeJson.Options);
        }

        IReadOnlyList<TokenStatus> tokens;
        try
        {
            tokens = [.. TokenObjects.UsableTokens(module.Value).Select(Describe)];
        }
        catch (Pkcs11Exception e)
        {
            return BridgeJson.Error(CardErrorMapper.Map(e, null, options.Value.PinTryLimit));
        }

        return Results.Json(
            new StatusResponse("Mys.Signing.Bridge", Version, Pkcs11Module.PlatformName, new ModuleStatus(true, module.Value.Path, searched, null), tokens),
            BridgeJson.Options);
    }

    private static TokenStatus Describe(TokenInfo token) => new(
        token.Label, token.SerialNumber, token.Manufacturer, token.Model, token.Flags,
        token.PinLocked, token.PinFinalTry, token.PinCountLow, token.ProtectedAuthenticationPath);
}
