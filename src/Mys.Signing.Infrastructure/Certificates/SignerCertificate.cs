using Mys.Signing.Domain.Certificates;

namespace Mys.Signing.Infrastructure.Certificates;

/// <summary>
/// A signing certificate seen for a user (through the agent, an e-signature login or a signature), recorded only when
/// its subject TCKN is the user's. One row per certificate (by SHA-256 of its DER); later sightings move <see cref="LastSeenAt"/>.
/// </summary>
public sealed class SignerCertificate
{
    public Guid Id { get; init; }

    public Guid UserId { get; init; }

    /// <summary>SHA-256 (hex, lower case) of the DER encoding.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Serial number in hex, as issuers print it.</summary>
    public required string SerialNumber { get; init; }

    public required string Issuer { get; init; }

    public required string Subject { get; init; }

    public required string SubjectTckn { get; init; }

    public DateTimeOffset NotBefore { get; init; }

    public DateTimeOffset NotAfter { get; init; }

    /// <summary>Carries the QC compliance and the Turkish NES statements.</summary>
    public bool Qualified { get; init; }

    /// <summary>e.g. "RSA-2048", "EC-256".</summary>
    public required string KeyType { get; init; }

    public DateTimeOffset FirstSeenAt { get; init; }

    public CertificateSource FirstSource { get; init; }

    public DateTimeOffset LastSeenAt { get; set; }

    public CertificateSource LastSource { get; set; }

    public CertificateValidity Validity => new(SerialNumber, NotBefore, NotAfter, Qualified);
}
