using System.Collections.Concurrent;

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

    /// <summary>The certificates asked about, without the request's nonce (which differs every time).</summary>
    private static string CertificateKey(byte[] request)
    {
        try
        {
            var ids = new Org.BouncyCastle.Ocsp.OcspReq(request).GetRequestList()
                .Select(r => r.GetCertID())
                .Select(id => $"{id.HashAlgOid}:{Convert.ToHexString(id.GetIssuerNameHash())}:{Convert.ToHexString(id.GetIssuerKeyHash())}:{id.SerialNumber}");
            return string.Join(",", ids);
        }
        catch (IOException)
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
