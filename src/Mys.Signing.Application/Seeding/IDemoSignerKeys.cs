using System.Security.Cryptography;
using Mys.Signing.Domain.Access;
using Mys.Signing.Signatures.Tsp;

namespace Mys.Signing.Application.Seeding;

/// <summary>A demo signer's certificate, its chain up to the root (DER) and its private key's digest signing.</summary>
public sealed record DemoSignerKey(string? Name, byte[] CertificateDer, IReadOnlyList<byte[]> Chain, Func<byte[], HashAlgorithmName, byte[]> SignDigest);

/// <summary>
/// The keys <see cref="DemoSigning"/> signs with and the time-stamp authority it uses: the development PKI's, composed
/// in by the web app (the application layer does not reference the dev PKI). Development and tests only.
/// </summary>
public interface IDemoSignerKeys
{
    /// <summary>The key of the demo signer holding <paramref name="role"/>.</summary>
    DemoSignerKey For(Role role);

    /// <summary>The time-stamp authority of the demo signatures (PAdES B-T).</summary>
    ITimeStampClient TimeStamps { get; }
}
