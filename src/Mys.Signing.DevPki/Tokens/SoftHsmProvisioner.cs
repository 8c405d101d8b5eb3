using System.Diagnostics;
using System.Globalization;
using Mys.Signing.DevPki.Pki;

namespace Mys.Signing.DevPki.Tokens;

/// <summary>
/// Puts dev PKI persons on SoftHSM2 tokens (one token per person, label = person id, key and certificate with CKA_ID 01),
/// so the bridge can be tested against a real PKCS#11 module. Uses softhsm2-util and pkcs11-tool as processes;
/// SOFTHSM2_CONF is passed to them, and must also be set for any process that later loads the module.
/// </summary>
public sealed class SoftHsmProvisioner(string softHsmConf, string modulePath = SoftHsmProvisioner.DefaultModule)
{
    public const string DefaultModule = "/usr/lib/softhsm/libsofthsm2.so";

    /// <summary>Creates the token folder named in the config if needed, then one token per person not yet present.</summary>
    public async Task<IReadOnlyList<string>> ProvisionAsync(DevPkiHierarchy pki, IEnumerable<string> personIds, string userPin, string soPin,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(personIds);
        EnsureTokenDirectory();
        var existing = await RunAsync("softhsm2-util", ["--show-slots"], cancellationToken);
        var done = new List<string>();
        foreach (var id in personIds)
        {
            if (existing.Contains("Label:            " + id + "\n", StringComparison.Ordinal) ||
                existing.Contains("Label:            " + id + " ", StringComparison.Ordinal))
            {
                continue;
            }

            var entry = pki[id];
            var work = Directory.CreateTempSubdirectory("mys-softhsm-");
            try
            {
                var keyPem = Path.Combine(work.FullName, "key.pem");
                var certDer = Path.Combine(work.FullName, "cert.der");
                await File.WriteAllTextAsync(keyPem, System.Security.Cryptography.PemEncoding.WriteString("PRIVATE KEY", entry.Pkcs8PrivateKey) + "\n", cancellationToken);
                await File.WriteAllBytesAsync(certDer, entry.CertificateDer, cancellationToken);
                await RunAsync("softhsm2-util", ["--init-token", "--free", "--label", id, "--so-pin", soPin, "--pin", userPin], cancellationToken);
                await RunAsync("softhsm2-util", ["--import", keyPem, "--token", id, "--label", id, "--id", "01", "--pin", userPin], cancellationToken);
                await RunAsync("pkcs11-tool", ["--module", modulePath, "--token-label", id, "--login", "--pin", userPin,
                    "--write-object", certDer, "--type", "cert", "--id", "01", "--label", id], cancellationToken);
                done.Add(id);
            }
            finally
            {
                work.Delete(true);
            }
        }

        return done;
    }

    private void EnsureTokenDirectory()
    {
        foreach (var line in File.ReadAllLines(softHsmConf))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("directories.tokendir", StringComparison.Ordinal))
            {
                Directory.CreateDirectory(trimmed[(trimmed.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim());
            }
        }
    }

    private async Task<string> RunAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["SOFTHSM2_CONF"] = softHsmConf;
        using var process = Process.Start(info) ?? throw new InvalidOperationException(file + " başlatılamadı.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture, "{0} failed ({1}): {2}", file, process.ExitCode, await stderr));
        }

        return await stdout;
    }
}
