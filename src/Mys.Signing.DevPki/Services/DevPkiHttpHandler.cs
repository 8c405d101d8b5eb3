using System.Net;
using System.Net.Http.Headers;

namespace Mys.Signing.DevPki.Services;

/// <summary>In-process HTTP handler answering requests to the PKI's base URL without a socket.</summary>
public sealed class DevPkiHttpHandler(DevPkiServices services) : HttpMessageHandler
{
    /// <summary>When false every request fails as if the services were unreachable.</summary>
    public bool Online { get; set; } = true;

    /// <summary>When set, measures what computing each answer costs (benchmarks: the app's cost without the dev TSA/OCSP).</summary>
    public DevPkiWorkMeter? Meter { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Online)
        {
            throw new HttpRequestException("Geliştirme PKI servisleri erişilemez (çevrimdışı).");
        }

        var basePath = new Uri(services.Pki.BaseUrl).AbsolutePath.TrimEnd('/');
        var path = request.RequestUri!.AbsolutePath;
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var relative = path.StartsWith(basePath, StringComparison.Ordinal) ? path[basePath.Length..] : null;
        var answer = relative is null ? null : Meter is { } meter ? meter.Measure(() => services.Handle(relative, body)) : services.Handle(relative, body);
        if (answer is not { } a)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        var content = new ByteArrayContent(a.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue(a.ContentType);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
