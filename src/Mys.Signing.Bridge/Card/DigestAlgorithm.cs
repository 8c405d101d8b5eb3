using System.Security.Cryptography;

namespace Mys.Signing.Bridge.Card;

/// <summary>A digest algorithm the bridge signs over, with its DigestInfo prefix for RSA PKCS#1 v1.5.</summary>
public sealed class DigestAlgorithm
{
    public static readonly DigestAlgorithm Sha256 = new(
        "SHA-256", 32, HashAlgorithmName.SHA256, Convert.FromHexString("3031300d060960864801650304020105000420"), "RS256", "ES256");

    public static readonly DigestAlgorithm Sha384 = new(
        "SHA-384", 48, HashAlgorithmName.SHA384, Convert.FromHexString("3041300d060960864801650304020205000430"), "RS384", "ES384");

    private readonly byte[] _digestInfoPrefix;

    private DigestAlgorithm(string name, int length, HashAlgorithmName hash, byte[] digestInfoPrefix, string rsaName, string ecName)
    {
        Name = name;
        Length = length;
        Hash = hash;
        _digestInfoPrefix = digestInfoPrefix;
        RsaSignatureName = rsaName;
        EcSignatureName = ecName;
    }

    public static IReadOnlyList<DigestAlgorithm> All { get; } = [Sha256, Sha384];

    public string Name { get; }

    public int Length { get; }

    public HashAlgorithmName Hash { get; }

    /// <summary>JOSE-style name of RSASSA-PKCS1-v1_5 with this digest.</summary>
    public string RsaSignatureName { get; }

    /// <summary>JOSE-style name of ECDSA with this digest (signature as raw r‖s).</summary>
    public string EcSignatureName { get; }

    /// <summary>Accepts "SHA-256"/"SHA256"/"sha-256" and the same for 384.</summary>
    public static DigestAlgorithm? Parse(string? name)
    {
        var normalized = name?.Replace("-", string.Empty, StringComparison.Ordinal).Trim();
        return All.FirstOrDefault(a =>
            string.Equals(a.Name.Replace("-", string.Empty, StringComparison.Ordinal), normalized, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>DER DigestInfo (algorithm identifier + digest), the input of CKM_RSA_PKCS.</summary>
    public byte[] DigestInfo(ReadOnlySpan<byte> digest) => [.. _digestInfoPrefix, .. digest];
}
