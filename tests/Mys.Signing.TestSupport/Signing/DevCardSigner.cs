using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Signing;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Signing;

namespace Mys.Signing.TestSupport.Signing;

/// <summary>
/// Plays the smart card and the bridge in tests: holds a dev PKI person's certificate and private key and signs the
/// digests that <c>/api/signing/prepare</c> returns the way a card does (RSA PKCS#1 v1.5 over the digest, or raw ECDSA r‖s).
/// </summary>
public sealed class DevCardSigner(DevPkiEntry entry)
{
    public DevPkiEntry Entry { get; } = entry;

    /// <summary>The certificate as the bridge reports it (base64 DER).</summary>
    public string CertificateBase64 => Convert.ToBase64String(Entry.CertificateDer);

    /// <summary>The card of a demo signer: the app's dev PKI issues one per signing role (person id = role name).</summary>
    public static DevCardSigner For(IServiceProvider services, Role role) => ForCertificate(services, role.ToString());

    /// <summary>Any dev PKI certificate by id, including the failure ones (expired, not-yet-valid, revoked, not-qualified, wrong-key-usage, untrusted, different-tckn).</summary>
    public static DevCardSigner ForCertificate(IServiceProvider services, string id)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new DevCardSigner(services.GetRequiredService<DevPkiHierarchy>()[id]);
    }

    public byte[] SignDigest(byte[] digest, string digestAlgorithm) =>
        Entry.SignDigest(digest, digestAlgorithm == "SHA-384" ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256);

    /// <summary>The signature values for every prepared item, in item order (base64), as <c>complete</c> expects them.</summary>
    public IReadOnlyList<string> Sign(PrepareResponse prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        return prepared.Items.Select(i => Convert.ToBase64String(SignDigest(Convert.FromBase64String(i.Digest), prepared.DigestAlgorithm))).ToList();
    }
}
