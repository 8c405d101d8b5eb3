using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mys.Signing.Application.Signing;
using Mys.Signing.Web.Signing;

namespace Mys.Signing.TestSupport.Signing;

/// <summary>Calls <c>/api/signing/prepare</c> and <c>/complete</c> like the browser page does (antiforgery token in the header).</summary>
public static class SigningApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string tokenPage = "/Account/Profile")
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("RequestVerificationToken", await MysAppFactory.AntiforgeryTokenAsync(client, tokenPage));
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PrepareAsync(HttpClient client, string certificateBase64, params Guid[] paymentOrderIds) =>
        PostAsync(client, "/api/signing/prepare", new { certificate = certificateBase64, paymentOrderIds });

    public static Task<HttpResponseMessage> CompleteAsync(HttpClient client, Guid sessionId, string certificateBase64, IEnumerable<string> signatures) =>
        PostAsync(client, "/api/signing/complete", new { sessionId, certificate = certificateBase64, signatures });

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
        }

        return JsonSerializer.Deserialize<T>(text, Json) ?? throw new InvalidOperationException("Empty response.");
    }

    /// <summary>Prepare, sign with the dev card, complete; returns the completion (throws on a non-200 answer).</summary>
    public static async Task<CompleteResponse> SignAsync(HttpClient client, DevCardSigner card, params Guid[] paymentOrderIds)
    {
        ArgumentNullException.ThrowIfNull(card);
        var prepared = await ReadAsync<PrepareResponse>(await PrepareAsync(client, card.CertificateBase64, paymentOrderIds));
        return await ReadAsync<CompleteResponse>(await CompleteAsync(client, prepared.SessionId, card.CertificateBase64, card.Sign(prepared)));
    }
}
