using Mys.Signing.DevPki.Pki;

namespace Mys.Signing.DevPki.Services;

/// <summary>The OCSP, CRL and TSA services of one dev PKI, usable without HTTP.</summary>
public sealed class DevPkiServices(DevPkiHierarchy pki, TimeProvider time)
{
    public DevPkiHierarchy Pki { get; } = pki;

    public DevOcspResponder Ocsp { get; } = new(pki, time);

    public DevCrlPublisher Crl { get; } = new(pki, time);

    public DevTimeStampAuthority Tsa { get; } = new(pki, time);

    /// <summary>Routes a request by its path below the PKI's base URL; null when the path is unknown.</summary>
    public (byte[] Body, string ContentType)? Handle(string relativePath, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        return relativePath.TrimEnd('/') switch
        {
            "/ocsp" => (Ocsp.Respond(body), "application/ocsp-response"),
            "/tsa" => (Tsa.Respond(body), "application/timestamp-reply"),
            "/crl/issuing.crl" => (Crl.IssuingCrl(), "application/pkix-crl"),
            "/crl/root.crl" => (Crl.RootCrl(), "application/pkix-crl"),
            "/ca/issuing.crt" => (Pki.IssuingCa.CertificateDer, "application/pkix-cert"),
            "/ca/root.crt" => (Pki.Root.CertificateDer, "application/pkix-cert"),
            _ when relativePath.StartsWith("/ocsp/", StringComparison.Ordinal) =>
                (Ocsp.Respond(Convert.FromBase64String(Uri.UnescapeDataString(relativePath["/ocsp/".Length..]))), "application/ocsp-response"),
            _ => null,
        };
    }
}
