using System.Net.Http.Headers;

namespace Mys.Signing.Signatures.Validation;

/// <summary>Fetches OCSP responses and CRLs; returns null when the source cannot be reached (offline).</summary>
public interface IRevocationDataClient
{
    Task<byte[]?> GetOcspResponseAsync(Uri url, byte[] request, CancellationToken cancellationToken);

    Task<byte[]?> GetCrlAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>HTTP implementation (OCSP by POST, CRL by GET).</summary>
public sealed class HttpRevocationDataClient(HttpClient http) : IRevocationDataClient
{
    public async Task<byte[]?> GetOcspResponseAsync(Uri url, byte[] request, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new ByteArrayContent(request);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
            using var response = await http.PostAsync(url, content, cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(cancellationToken) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public async Task<byte[]?> GetCrlAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(cancellationToken) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}

/// <summary>No network: only revocation data embedded in the document (/DSS) can be used.</summary>
public sealed class OfflineRevocationDataClient : IRevocationDataClient
{
    public Task<byte[]?> GetOcspResponseAsync(Uri url, byte[] request, CancellationToken cancellationToken) => Task.FromResult<byte[]?>(null);

    public Task<byte[]?> GetCrlAsync(Uri url, CancellationToken cancellationToken) => Task.FromResult<byte[]?>(null);
}
