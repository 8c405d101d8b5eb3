using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Mys.Signing.Bridge.Pkcs11;
using Net.Pkcs11Interop.Common;
using Pkcs11Exception = Mys.Signing.Bridge.Pkcs11.Pkcs11Exception;

namespace Mys.Signing.Bridge.Card;

/// <summary>
/// Loads PKCS#11 modules once per process (C_Initialize is process-wide) and picks the one to use:
/// the first candidate with a token present, else the first that loads. Call only under <see cref="CardGate"/>.
/// </summary>
public sealed class ModuleProvider(IOptions<BridgeOptions> options, ILogger<ModuleProvider> logger)
{
    private static readonly ConcurrentDictionary<string, Pkcs11Module> Loaded = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Candidates => ModuleCandidates.ForCurrentPlatform(options.Value.ModulePath);

    public BridgeResult<Pkcs11Module> Resolve()
    {
        Pkcs11Module? firstLoaded = null;
        var initFailed = false;
        foreach (var candidate in Candidates)
        {
            var module = TryLoad(candidate, ref initFailed);
            if (module is null)
            {
                continue;
            }

            firstLoaded ??= module;
            if (HasToken(module))
            {
                return BridgeResult<Pkcs11Module>.Success(module);
            }
        }

        return firstLoaded is not null ? BridgeResult<Pkcs11Module>.Success(firstLoaded)
            : initFailed ? BridgeErrors.ModuleFailed()
            : BridgeErrors.ModuleNotFound();
    }

    /// <summary>
    /// Runs one card operation the way every caller needs it: alone (<see cref="CardGate"/>, busy if the card is not
    /// free in time), with the resolved module (or its error), PKCS#11 failures mapped to the user's message.
    /// </summary>
    public async Task<BridgeResult<T>> UseCardAsync<T>(Func<Pkcs11Module, BridgeResult<T>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        using var gate = await CardGate.EnterAsync(options.Value.CardWaitTimeout, cancellationToken);
        if (gate is null)
        {
            return BridgeErrors.Busy();
        }

        var module = Resolve();
        if (!module.IsSuccess)
        {
            return module.Error!;
        }

        try
        {
            return operation(module.Value);
        }
        catch (Pkcs11Exception e)
        {
            return CardErrorMapper.Map(e, null, options.Value.PinTryLimit);
        }
    }

    /// <summary>The signing certificates on the present tokens; "card absent" when there are none.</summary>
    public Task<BridgeResult<IReadOnlyList<CardCertificate>>> ListCertificatesAsync(CancellationToken cancellationToken) =>
        UseCardAsync(module => CertificateCatalog.List(module) is { Count: > 0 } certificates
            ? BridgeResult<IReadOnlyList<CardCertificate>>.Success(certificates)
            : BridgeErrors.TokenAbsent(), cancellationToken);

    /// <summary>C_Finalize on every module loaded by this process (at shutdown).</summary>
    public static void FinalizeAll()
    {
        foreach (var module in Loaded.Values)
        {
            module.FinalizeModule();
        }

        Loaded.Clear();
    }

    private Pkcs11Module? TryLoad(string candidate, ref bool initFailed)
    {
        if (Loaded.TryGetValue(candidate, out var cached))
        {
            return cached;
        }

        if (Path.IsPathRooted(candidate) && !File.Exists(candidate))
        {
            return null;
        }

        try
        {
            var module = Pkcs11Module.Load(candidate);
            Loaded[candidate] = module;
            logger.LogInformation("PKCS#11 module loaded: {Module} ({Abi})", candidate, Pkcs11Module.PlatformName);
            return module;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is Pkcs11Exception or UnmanagedException or BadImageFormatException)
        {
            logger.LogWarning("PKCS#11 module {Module} could not be initialized: {Reason}", candidate, e.Message);
            initFailed = true;
            return null;
        }
    }

    private static bool HasToken(Pkcs11Module module)
    {
        try
        {
            return module.GetSlotList(tokenPresent: true).Count > 0;
        }
        catch (Pkcs11Exception)
        {
            return false;
        }
    }
}
