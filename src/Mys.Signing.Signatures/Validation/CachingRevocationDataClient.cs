using System.Collections.Concurrent;
using System.Formats.Asn1;

namespace Mys.Signing.Signatures.Validation;

/// <summary>
/// Remembers OCSP responses (per responder and certificate, ignoring the nonce) and CRLs (per URL) for <paramref name="lifetime"/>, so that
/// validating many documents by the same signers fetches each only once. Failed fetches are not remembered. A shared
/// fetch is not tied to the first caller's cancellation (a closed browser tab must not fail the other callers waiting
/// for it); each caller stops waiting at its own.
/// </summary>
public sealed class CachingRevocationDataClient(IRevocationDataClient inner, TimeProvider time, TimeSpan lifetime) : IRevocationDataClient
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, Task<byte[]?> Data)> _cache = new(StringComparer.Ordinal);

    public Task<byte[]?> GetOcspResponseAsync(Uri url, byte[] request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(request);
        return GetAsync("ocsp " + url.AbsoluteUri + " " + CertificateKey(request), () => inner.GetOcspResponseAsync(url, request, CancellationToken.None), cancellationToken);
    }

    /// <summary>
    /// The certificates asked about, without the request's nonce (which differs every time): the DER of the request list
    /// (each Request's CertID: hash algorithm, issuer name and key hashes, serial), read with System.Formats.Asn1 —
    /// OCSPRequest ::= SEQUENCE { tbsRequest SEQUENCE { [0] version OPTIONAL, [1] requestorName OPTIONAL,
    /// requestList SEQUENCE OF Request, [2] requestExtensions OPTIONAL }, [0] optionalSignature OPTIONAL } (RFC 6960 §4.1.1).
    /// A request that does not read so is keyed by all its bytes (no sharing, never a wrong answer).
    /// </summary>
    internal static string CertificateKey(byte[] request)
    {
        try
        {
            var outer = new AsnReader(request, AsnEncodingRules.DER).ReadSequence();
            var tbs = outer.ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                tbs.ReadEncodedValue();
            }

            if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
            {
                tbs.ReadEncodedValue();
            }

            if (!tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                return Convert.ToBase64String(request);
            }

            return Convert.ToBase64String(tbs.ReadEncodedValue().Span);
        }
        catch (AsnContentException)
        {
            return Convert.ToBase64String(request);
        }
    }

    public Task<byte[]?> GetCrlAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        return GetAsync("crl " + url.AbsoluteUri, () => inner.GetCrlAsync(url, CancellationToken.None), cancellationToken);
    }

    private async Task<byte[]?> GetAsync(string key, Func<Task<byte[]?>> fetch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = _cache.AddOrUpdate(
            key,
            _ => (now + lifetime, fetch()),
            (_, existing) => existing.Until > now && !existing.Data.IsFaulted && !existing.Data.IsCanceled ? existing : (now + lifetime, fetch()));
        var data = await entry.Data.WaitAsync(cancellationToken);
        if (data is null)
        {
            _cache.TryRemove(new KeyValuePair<string, (DateTimeOffset, Task<byte[]?>)>(key, entry));
        }

        return data;
    }
}
