using System.Security.Cryptography;

namespace Mys.Signing.Signatures.Common;

/// <summary>ETSI baseline levels.</summary>
public enum SignatureLevel
{
    BaselineB,
    BaselineT,
    BaselineLt,
    BaselineLta,
}

/// <summary>Digest used over the document and the signed attributes.</summary>
public enum DigestAlgorithm
{
    Sha256,
    Sha384,
}

/// <summary>OIDs and .NET names for <see cref="DigestAlgorithm"/>.</summary>
public static class DigestAlgorithms
{
    public const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    public const string Sha384Oid = "2.16.840.1.101.3.4.2.2";
    public const string Sha512Oid = "2.16.840.1.101.3.4.2.3";

    public static string Oid(this DigestAlgorithm algorithm) => algorithm == DigestAlgorithm.Sha384 ? Sha384Oid : Sha256Oid;

    public static HashAlgorithmName Name(this DigestAlgorithm algorithm) =>
        algorithm == DigestAlgorithm.Sha384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;

    public static byte[] Hash(this DigestAlgorithm algorithm, ReadOnlySpan<byte> data) =>
        algorithm == DigestAlgorithm.Sha384 ? SHA384.HashData(data) : SHA256.HashData(data);

    /// <summary>The name of any digest the validator computes (see <see cref="DigestFunction"/>), or null.</summary>
    public static HashAlgorithmName? FromOid(string oid) => DigestFunction.FromOid(oid)?.Name;
}
