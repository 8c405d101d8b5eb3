using Mys.Signing.Signatures.Common;
using System.Security.Cryptography;
using Org.BouncyCastle.Math;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Mys.Signing.Signatures.Validation;

/// <summary>Capacities of <see cref="ValidationCaches"/> (entries, each cache).</summary>
public sealed record ValidationCacheLimits
{
    /// <summary>Parsed and checked CMS signatures (a few kB each with their certificates).</summary>
    public int Signatures { get; init; } = 1024;

    /// <summary>Verified signature and document time-stamp tokens.</summary>
    public int TimeStamps { get; init; } = 1024;

    /// <summary>Certificates of CMS signatures, time-stamp tokens, /DSS and certificate-values: one object per distinct DER.</summary>
    public int Certificates { get; init; } = 1024;

    /// <summary>What an OCSP response or CRL says about one certificate (after its signature checks).</summary>
    public int Revocation { get; init; } = 4096;

    /// <summary>Public keys of signers, CAs, TSAs and responders imported into .NET.</summary>
    public int PublicKeys { get; init; } = 512;
}

/// <summary>
/// What the validator remembers between documents, each cache bounded and evicting the least recently used entry:
/// everything is keyed by the SHA-256 of the bytes it was computed from (and, for revocation, the certificate and
/// issuer it was read for), so a remembered result is exactly the one a fresh computation would give — re-validating
/// a document (the inbox, an export, the public page) or many by the same signers parses and verifies each once.
/// Nothing here is state another instance of the app would need; register one per process (<c>AddSingleton</c>).
/// </summary>
public sealed class ValidationCaches
{
    public ValidationCaches()
        : this(new ValidationCacheLimits())
    {
    }

    public ValidationCaches(ValidationCacheLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Signatures = new("signatures", limits.Signatures);
        TimeStamps = new("time-stamps", limits.TimeStamps);
        Certificates = new("certificates", limits.Certificates);
        Revocation = new("revocation", limits.Revocation);
        PublicKeys = new("public-keys", limits.PublicKeys);
    }

    internal BoundedCache<(ContentKey Cms, CmsContentMode Mode), ParsedCms> Signatures { get; }

    internal BoundedCache<ContentKey, VerifiedTimeStamp> TimeStamps { get; }

    internal BoundedCache<ContentKey, BcCertificate> Certificates { get; }

    internal BoundedCache<RevocationKey, RevocationSummary?> Revocation { get; }

    internal BoundedCache<ContentKey, AsymmetricAlgorithm> PublicKeys { get; }

    /// <summary>Every cache's size, capacity and counters, e.g. for a benchmark to state which caches were warm.</summary>
    public IReadOnlyList<CacheStatistics> Statistics() =>
        [Signatures.Statistics(), TimeStamps.Statistics(), Certificates.Statistics(), Revocation.Statistics(), PublicKeys.Statistics()];

    /// <summary>Empties every cache (the next document is validated as if none had been seen).</summary>
    public void Clear()
    {
        Signatures.Clear();
        TimeStamps.Clear();
        Certificates.Clear();
        Revocation.Clear();
        PublicKeys.Clear();
    }
}

/// <summary>An OCSP response or CRL (by content) as read for one certificate (serial) of one issuer (by content).</summary>
internal readonly record struct RevocationKey(ContentKey Data, ContentKey Issuer, BigInteger Serial, string Source);
