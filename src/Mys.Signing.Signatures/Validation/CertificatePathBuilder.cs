using Mys.Signing.Signatures.Common;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Mys.Signing.Signatures.Cms;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;

namespace Mys.Signing.Signatures.Validation;

/// <summary>Builds a path from a certificate to one of the trust anchors, checking each signature.</summary>
public sealed class CertificatePathBuilder
{
    private readonly List<X509Certificate> _anchors;
    private readonly ValidationCaches _caches;

    public CertificatePathBuilder(IEnumerable<byte[]> anchors, ValidationCaches? caches = null)
    {
        var parser = new X509CertificateParser();
        _anchors = anchors.Select(parser.ReadCertificate).ToList();
        _caches = caches ?? new ValidationCaches();
    }

    /// <summary>The path from <paramref name="leaf"/> to an anchor (leaf first, anchor last), or null.</summary>
    public IReadOnlyList<X509Certificate>? Build(X509Certificate leaf, IEnumerable<X509Certificate> pool)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var candidates = pool.Concat(_anchors).ToList();
        var path = new List<X509Certificate> { leaf };
        var current = leaf;
        for (var depth = 0; depth < 8; depth++)
        {
            var anchor = _anchors.FirstOrDefault(a => a.SubjectDN.Equivalent(current.IssuerDN) && SignedBy(current, a));
            if (anchor is not null)
            {
                if (!anchor.Equals(current))
                {
                    path.Add(anchor);
                }

                return path;
            }

            var issuer = candidates.FirstOrDefault(c => !c.Equals(current) && c.SubjectDN.Equivalent(current.IssuerDN) && SignedBy(current, c));
            if (issuer is null || path.Contains(issuer))
            {
                return null;
            }

            path.Add(issuer);
            current = issuer;
        }

        return null;
    }

    // Certificate objects are immutable and the parsed ones are shared between validations (CmsSignatureChecker keeps
    // them), so a verified child→issuer signature is remembered per object pair for as long as the child is alive.
    private static readonly ConditionalWeakTable<X509Certificate, ConcurrentDictionary<X509Certificate, bool>> Verified = new();

    private bool SignedBy(X509Certificate child, X509Certificate issuer)
    {
        var known = Verified.GetValue(child, _ => new ConcurrentDictionary<X509Certificate, bool>(ReferenceEqualityComparer.Instance));
        if (known.TryGetValue(issuer, out var signed))
        {
            return signed;
        }

        signed = Verify(child, issuer);
        if (known.Count < 16)
        {
            known.TryAdd(issuer, signed);
        }

        return signed;
    }

    private bool Verify(X509Certificate child, X509Certificate issuer)
    {
        if (FastSignatureCheck.Verify(_caches.PublicKeys, issuer, child.SigAlgOid, child.GetTbsCertificate(), child.GetSignature()) is bool fast)
        {
            return fast;
        }

        try
        {
            child.Verify(issuer.GetPublicKey());
            return true;
        }
        catch (Exception ex) when (ex is InvalidKeyException or SignatureException or CertificateException or ArgumentException)
        {
            return false;
        }
    }
}
