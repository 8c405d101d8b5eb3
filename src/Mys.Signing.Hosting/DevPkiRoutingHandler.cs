using Mys.Signing.DevPki.Services;

namespace Mys.Signing.Hosting;

/// <summary>Answers requests under the dev PKI's base URL in-process; everything else goes to the network.</summary>
internal sealed class DevPkiRoutingHandler(DevPkiHttpHandler devPki, string baseUrl) : DelegatingHandler
{
    private readonly HttpMessageInvoker _local = new(devPki, disposeHandler: false);
    private readonly string _prefix = baseUrl.TrimEnd('/') + "/";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.RequestUri?.AbsoluteUri.StartsWith(_prefix, StringComparison.Ordinal) == true
            ? _local.SendAsync(request, cancellationToken)
            : base.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
        }

        base.Dispose(disposing);
    }
}
