using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Web.Infrastructure;

/// <summary>
/// The Data Protection key ring (login cookies, antiforgery tokens) lives in PostgreSQL, shared by every instance,
/// and is encrypted at rest with an X.509 certificate: in production the one configured under
/// <c>Mys:DataProtection</c>, in Development and Testing one the app makes once (see docs/operations.md).
/// </summary>
internal static class KeyRingProtection
{
    public const string Section = "Mys:DataProtection";

    public const string DevelopmentCertificateFileName = "key-ring.pfx";

    public static void Add(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var current = CurrentCertificate(configuration, environment);
        var previous = configuration.GetSection($"{Section}:PreviousCertificates").GetChildren()
            .Select(c => Load(c["Path"], c["Password"], $"{c.Path}:Path"))
            .ToArray();
        services.AddDataProtection()
            .SetApplicationName("Mys.Signing")
            .PersistKeysToDbContext<MysDbContext>()
            .ProtectKeysWithCertificate(current)
            .UnprotectKeysWithAnyCertificate(previous);
    }

    private static X509Certificate2 CurrentCertificate(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration[$"{Section}:CertificatePath"] is { Length: > 0 } path)
        {
            return Load(path, configuration[$"{Section}:CertificatePassword"], $"{Section}:CertificatePath");
        }

        if (environment.IsDevelopment() || environment.IsEnvironment("Testing"))
        {
            var folder = configuration[$"{Section}:DevelopmentCertificateFolder"]
                         ?? Path.Combine(environment.ContentRootPath, "..", "..", ".local", "dataprotection");
            return LoadOrCreateDevelopmentCertificate(Path.GetFullPath(folder));
        }

        throw Fail($"Data Protection: no certificate to encrypt the key ring at rest in the {environment.EnvironmentName} environment. " +
                   $"Set {Section}:CertificatePath to a PKCS#12 (.pfx) file with an RSA key and {Section}:CertificatePassword " +
                   "(e.g. the environment variable Mys__DataProtection__CertificatePassword); see docs/operations.md.");
    }

    private static X509Certificate2 Load(string? path, string? password, string setting)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw Fail($"Data Protection: {setting} names no readable file ('{path}').");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, KeyStorage);
        }
        catch (CryptographicException e)
        {
            throw Fail($"Data Protection: {setting} ('{path}') cannot be read as PKCS#12 with the configured password: {e.Message}");
        }

        using var rsa = certificate.GetRSAPrivateKey();
        return rsa is not null
            ? certificate
            : throw Fail($"Data Protection: the certificate in {setting} ('{path}') has no RSA private key.");
    }

    /// <summary>Made once and kept (git-ignored) so that restarts and several local instances share it.</summary>
    private static X509Certificate2 LoadOrCreateDevelopmentCertificate(string folder)
    {
        var path = Path.Combine(folder, DevelopmentCertificateFileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(folder);
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=Mys.Signing Data Protection (development)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment, critical: true));
            using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(20));
            var temporary = Path.Combine(folder, $"{Guid.NewGuid():N}.tmp");
            File.WriteAllBytes(temporary, made.Export(X509ContentType.Pkcs12));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                // Another instance starting at the same moment may have been first: then its certificate is the one.
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        return Load(path, null, $"{Section}:DevelopmentCertificateFolder");
    }

    private static X509KeyStorageFlags KeyStorage =>
        OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;

    private static InvalidOperationException Fail(string message)
    {
        Serilog.Log.ForContext(typeof(KeyRingProtection)).Fatal("{Problem:l}", message);
        return new InvalidOperationException(message);
    }
}
