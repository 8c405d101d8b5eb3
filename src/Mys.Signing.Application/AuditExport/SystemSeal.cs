using System.Security.Cryptography;
using Mys.Signing.Signatures.Asic;

namespace Mys.Signing.Application.AuditExport;

/// <summary>
/// The system seal that signs export bundles: the institution's seal certificate and key from a PKCS#12 file
/// (<c>Mys:Seal:Pkcs12Path</c>, <c>Mys:Seal:Pkcs12Password</c> — from the environment or a secret store, never the
/// repository); otherwise, only when the dev PKI is enabled, the dev PKI's seal (the host passes it in); otherwise none
/// (no export).
/// </summary>
public sealed class SystemSeal : IDisposable
{
    private readonly KeySealSigner? _signer;

    private SystemSeal(KeySealSigner? signer, string source)
    {
        _signer = signer;
        Source = source;
    }

    public ISealSigner? Signer => _signer;

    /// <summary>Where the seal comes from, for logs ("PKCS#12 …", "dev PKI", "none").</summary>
    public string Source { get; }

    /// <param name="devPkiSeal">The dev PKI's seal, when the dev PKI is enabled (asked for only without a PKCS#12 file).</param>
    public static SystemSeal From(IConfiguration configuration, Func<KeySealSigner?>? devPkiSeal, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(logger);
        if (configuration["Mys:Seal:Pkcs12Path"] is { Length: > 0 } path)
        {
            try
            {
                return new SystemSeal(KeySealSigner.FromPkcs12(path, configuration["Mys:Seal:Pkcs12Password"]), "PKCS#12 " + path);
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // A wrong password or a missing file must not take the app down; the export page says the seal is not configured.
                logger.LogError(ex, "System seal PKCS#12 {Path} could not be loaded", path);
                return new SystemSeal(null, "none (PKCS#12 unreadable)");
            }
        }

        return devPkiSeal?.Invoke() is { } dev ? new SystemSeal(dev, "dev PKI") : new SystemSeal(null, "none");
    }

    public void Dispose() => _signer?.Dispose();
}
