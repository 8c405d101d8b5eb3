using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Web.Pages.Certificates;

/// <summary>
/// What signing certificates are checked against: trust anchors and intermediate CAs (PEM or DER files listed in
/// <c>Mys:Signing:TrustAnchors</c> and <c>Mys:Signing:Intermediates</c>, plus the dev PKI's root and issuing CA in
/// development) and where revocation data comes from (online; the dev PKI's services in process).
/// </summary>
public sealed class CertificateTrust
{
    private CertificateTrust(IReadOnlyList<byte[]> anchors, IReadOnlyList<byte[]> intermediates, IRevocationDataClient revocation)
    {
        Anchors = anchors;
        Intermediates = intermediates;
        Revocation = revocation;
    }

    public IReadOnlyList<byte[]> Anchors { get; }

    public IReadOnlyList<byte[]> Intermediates { get; }

    public IRevocationDataClient Revocation { get; }

    public SignatureValidator Validator(TimeProvider clock)
    {
        var options = new ValidationOptions();
        foreach (var anchor in Anchors)
        {
            options.TrustAnchors.Add(anchor);
        }

        return new SignatureValidator(options, Revocation, clock);
    }

    public static CertificateTrust Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configuration = services.GetRequiredService<IConfiguration>();
        var anchors = Files(configuration, "Mys:Signing:TrustAnchors");
        var intermediates = Files(configuration, "Mys:Signing:Intermediates");
        IRevocationDataClient revocation;
        if (services.GetService<DevPkiHierarchy>() is { } pki)
        {
            anchors.Add(pki.Root.CertificateDer);
            intermediates.Add(pki.IssuingCa.CertificateDer);
            revocation = new HttpRevocationDataClient(new HttpClient(new DevPkiHttpHandler(new DevPkiServices(pki, services.GetRequiredService<TimeProvider>()))));
        }
        else
        {
            revocation = new HttpRevocationDataClient(new HttpClient { Timeout = TimeSpan.FromSeconds(15) });
        }

        return new CertificateTrust(anchors, intermediates, revocation);
    }

    private static List<byte[]> Files(IConfiguration configuration, string key)
    {
        var result = new List<byte[]>();
        foreach (var path in configuration.GetSection(key).Get<string[]>() ?? [])
        {
            var text = File.ReadAllText(path);
            result.Add(text.Contains("-----BEGIN", StringComparison.Ordinal)
                ? System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(text).RawData
                : File.ReadAllBytes(path));
        }

        return result;
    }
}
