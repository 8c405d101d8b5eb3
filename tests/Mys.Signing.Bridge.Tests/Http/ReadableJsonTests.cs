using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mys.Signing.Bridge.Contracts;
using Mys.Signing.Bridge.Tests.SoftHsm;

namespace Mys.Signing.Bridge.Tests.Http;

/// <summary>
/// The agent's JSON reads as written (issue 19): times keep their "+03:00" / "+00:00" and Turkish letters stay letters,
/// not <c>\u002B</c> or <c>\u0131</c> escapes a person opening the answer cannot read.
/// </summary>
[Collection(SoftHsmCollection.Name)]
public sealed partial class ReadableJsonTests(SoftHsmFixture hsm)
{
    private readonly HttpClient _client = hsm.Http.CreateClient();

    [Fact]
    public void A_time_in_turkey_is_written_with_its_plus_offset()
    {
        var time = new DateTimeOffset(2026, 12, 7, 7, 38, 0, TimeSpan.FromHours(3));

        var json = JsonSerializer.Serialize(new { signedAt = time, message = "İmza atıldı; şifre yanlış" }, BridgeJson.Options);

        json.ShouldBe("{\"signedAt\":\"2026-12-07T07:38:00+03:00\",\"message\":\"İmza atıldı; şifre yanlış\"}");
    }

    [Fact]
    public async Task The_served_certificate_list_shows_validity_times_with_a_readable_offset()
    {
        using var response = await _client.SendAsync(HttpTestClient.Get("/v1/certificates"));
        var body = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        body.ShouldNotContain("\\u002B");
        body.ShouldNotContain("\\u0027");
        ServedTime().Count(body).ShouldBeGreaterThanOrEqualTo(2, body);
    }

    [Fact]
    public async Task A_served_refusal_keeps_its_turkish_letters()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/sign") { Content = new StringContent("{", Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", SoftHsmFixture.AllowedOrigin);
        using var response = await _client.SendAsync(request);
        var body = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        body.ShouldContain("JSON okunamadı.");
        body.ShouldNotContain("\\u0131");
    }

    [GeneratedRegex(@"""not(Before|After)"":""\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00""")]
    private static partial Regex ServedTime();
}
