using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace Mys.Signing.Signatures.Common;

/// <summary>
/// A digest algorithm as CMS and time-stamps name it (OID) and as the validator's content-digest callbacks name it
/// (<see cref="HashAlgorithmName"/>; algorithms .NET has no name for, e.g. SHA-224 or SHAKE256, get ours). .NET computes
/// what the platform supports (SHA-1/2 always, SHA-3 when OpenSSL has it); BouncyCastle the rest.
/// </summary>
public sealed class DigestFunction
{
    private readonly Func<IDigest>? _managed;

    private DigestFunction(string oid, string name, string displayName, int length, Func<IDigest>? managed)
    {
        (Oid, Name, DisplayName, Length, _managed) = (oid, new HashAlgorithmName(name), displayName, length, managed);
    }

    public static DigestFunction Sha1 { get; } = new("1.3.14.3.2.26", "SHA1", "SHA-1", 20, null);

    public static DigestFunction Sha224 { get; } = new("2.16.840.1.101.3.4.2.4", "SHA224", "SHA-224", 28, () => new Sha224Digest());

    public static DigestFunction Sha256 { get; } = new(DigestAlgorithms.Sha256Oid, "SHA256", "SHA-256", 32, null);

    public static DigestFunction Sha384 { get; } = new(DigestAlgorithms.Sha384Oid, "SHA384", "SHA-384", 48, null);

    public static DigestFunction Sha512 { get; } = new(DigestAlgorithms.Sha512Oid, "SHA512", "SHA-512", 64, null);

    public static DigestFunction Sha512T224 { get; } = new("2.16.840.1.101.3.4.2.5", "SHA512/224", "SHA-512/224", 28, () => new Sha512tDigest(224));

    public static DigestFunction Sha512T256 { get; } = new("2.16.840.1.101.3.4.2.6", "SHA512/256", "SHA-512/256", 32, () => new Sha512tDigest(256));

    public static DigestFunction Sha3With224 { get; } = new("2.16.840.1.101.3.4.2.7", "SHA3-224", "SHA3-224", 28, () => new Sha3Digest(224));

    public static DigestFunction Sha3With256 { get; } = new("2.16.840.1.101.3.4.2.8", "SHA3-256", "SHA3-256", 32, Sha3Fallback(SHA3_256.IsSupported, 256));

    public static DigestFunction Sha3With384 { get; } = new("2.16.840.1.101.3.4.2.9", "SHA3-384", "SHA3-384", 48, Sha3Fallback(SHA3_384.IsSupported, 384));

    public static DigestFunction Sha3With512 { get; } = new("2.16.840.1.101.3.4.2.10", "SHA3-512", "SHA3-512", 64, Sha3Fallback(SHA3_512.IsSupported, 512));

    /// <summary>SHAKE256 with 512 bits of output, the message digest of Ed448 signers (RFC 8419).</summary>
    public static DigestFunction Shake256 { get; } = new("2.16.840.1.101.3.4.2.12", "SHAKE256", "SHAKE256", 64, () => new ShakeDigest(256));

    public static IReadOnlyList<DigestFunction> All { get; } =
        [Sha1, Sha224, Sha256, Sha384, Sha512, Sha512T224, Sha512T256, Sha3With224, Sha3With256, Sha3With384, Sha3With512, Shake256];

    public string Oid { get; }

    public HashAlgorithmName Name { get; }

    /// <summary>As people write it, e.g. "SHA-1", "SHA3-256".</summary>
    public string DisplayName { get; }

    /// <summary>Output length in bytes.</summary>
    public int Length { get; }

    /// <summary>Collisions are practical (SHA-1): still verified, but reported.</summary>
    public bool IsWeak => ReferenceEquals(this, Sha1);

    public static DigestFunction? FromOid(string? oid) => All.FirstOrDefault(d => string.Equals(d.Oid, oid, StringComparison.Ordinal));

    public static DigestFunction? FromName(HashAlgorithmName name) => All.FirstOrDefault(d => d.Name == name);

    /// <summary>Like <see cref="FromName"/>, for callers that only pass names they got from this class.</summary>
    public static DigestFunction Named(HashAlgorithmName name) =>
        FromName(name) ?? throw new CryptographicException("Unsupported digest algorithm " + name.Name);

    public IncrementalDigest CreateIncremental() =>
        _managed is null ? new IncrementalDigest(IncrementalHash.CreateHash(Name)) : new IncrementalDigest(_managed());

    public byte[] Compute(ReadOnlySpan<byte> data)
    {
        using var digest = CreateIncremental();
        digest.Append(data);
        return digest.Finish();
    }

    public override string ToString() => DisplayName;

    private static Func<IDigest>? Sha3Fallback(bool platformSupported, int bits) => platformSupported ? null : () => new Sha3Digest(bits);
}

/// <summary>A running digest (a PDF byte range is hashed in pieces, without copying).</summary>
public sealed class IncrementalDigest : IDisposable
{
    private readonly IncrementalHash? _platform;
    private readonly IDigest? _managed;

    internal IncrementalDigest(IncrementalHash platform) => _platform = platform;

    internal IncrementalDigest(IDigest managed) => _managed = managed;

    public void Append(byte[] data, int offset, int count)
    {
        if (_platform is not null)
        {
            _platform.AppendData(data, offset, count);
        }
        else
        {
            _managed!.BlockUpdate(data, offset, count);
        }
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_platform is not null)
        {
            _platform.AppendData(data);
        }
        else
        {
            var copy = data.ToArray();
            _managed!.BlockUpdate(copy, 0, copy.Length);
        }
    }

    public byte[] Finish()
    {
        if (_platform is not null)
        {
            return _platform.GetHashAndReset();
        }

        var result = new byte[_managed!.GetDigestSize()];
        _managed.DoFinal(result, 0);
        return result;
    }

    public void Dispose() => _platform?.Dispose();
}
