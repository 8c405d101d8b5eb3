using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mys.Signing.Bridge.Http;
using Mys.Signing.Bridge.Tests.SoftHsm;
using Mys.Signing.Bridge.Contracts;

namespace Mys.Signing.Bridge.Tests.Http;

internal static class HttpTestClient
{
    public static HttpRequestMessage Get(string path, string? origin = SoftHsmFixture.AllowedOrigin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    public static HttpRequestMessage Sign(object body, string? origin = SoftHsmFixture.AllowedOrigin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/sign")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    public static object SignBody(TestCredential credential, string algorithm, IEnumerable<byte[]> digests, string pin = SoftHsmFixture.UserPin) => new
    {
        certificate = credential.CertificateBase64,
        digestAlgorithm = algorithm,
        digests = digests.Select(Convert.ToBase64String).ToArray(),
        pin,
    };

    public static async Task<ErrorResponse> Error(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ErrorResponse>())!;
}
