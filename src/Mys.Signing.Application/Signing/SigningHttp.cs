using Microsoft.Extensions.Http.Resilience;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.Signatures.Validation;
using Polly;

namespace Mys.Signing.Application.Signing;

/// <summary>
/// The HTTP client for OCSP, CRL and the TSA (<see cref="SignatureServicesRegistration.HttpClientName"/>), through IHttpClientFactory with
/// the standard resilience pipeline of Microsoft.Extensions.Http.Resilience, one pipeline (and circuit breaker) per host:
/// total timeout, retries with exponential back-off and jitter, circuit breaker, per-attempt timeout. Every request
/// made here may be repeated (OCSP GET/POST, CRL GET, a time-stamp request), so POSTs are retried too. The options are
/// <see cref="HttpStandardResilienceOptions"/> bound from <c>Mys:Signing:Http</c> over the defaults below.
/// </summary>
public static class SigningHttp
{
    public const string Section = "Mys:Signing:Http";

    /// <summary>The defaults: a signer waits at most half a minute for an answer; a host that keeps failing is left alone for 15 s.</summary>
    public static void Defaults(HttpStandardResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
        options.Retry.MaxRetryAttempts = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.CircuitBreaker.FailureRatio = 0.5;
        options.CircuitBreaker.MinimumThroughput = 10;
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
        options.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(15);
    }

    /// <summary>
    /// Adds the resilience handlers to the named client, after any handler added before (the dev PKI's in-process routing,
    /// which thus never meets them).
    /// </summary>
    public static IHttpClientBuilder AddSigningResilience(this IHttpClientBuilder http, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        http.AddHttpMessageHandler(() => new RejectionAsHttpFailure());
        var pipeline = http.AddStandardResilienceHandler(Defaults).SelectPipelineByAuthority();
        if (configuration.GetSection(Section) is var section && section.Exists())
        {
            pipeline.Configure(section);
        }

        return http;
    }

    /// <summary>
    /// An open circuit or a timeout of the pipeline surfaces as the network failure it stands for, which the OCSP/CRL and
    /// time-stamp clients already turn into "unavailable" results.
    /// </summary>
    private sealed class RejectionAsHttpFailure : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (ExecutionRejectedException ex)
            {
                throw new HttpRequestException($"{request.RequestUri?.Authority}: {ex.Message}", ex);
            }
        }
    }
}

/// <summary>OCSP and CRL over a client taken from IHttpClientFactory for each call (handlers pooled and renewed by the factory).</summary>
public sealed class FactoryRevocationDataClient(IHttpClientFactory factory) : IRevocationDataClient
{
    public Task<byte[]?> GetOcspResponseAsync(Uri url, byte[] request, CancellationToken cancellationToken) =>
        new HttpRevocationDataClient(factory.CreateClient(SignatureServicesRegistration.HttpClientName)).GetOcspResponseAsync(url, request, cancellationToken);

    public Task<byte[]?> GetCrlAsync(Uri url, CancellationToken cancellationToken) =>
        new HttpRevocationDataClient(factory.CreateClient(SignatureServicesRegistration.HttpClientName)).GetCrlAsync(url, cancellationToken);
}

/// <summary>RFC 3161 time-stamps over a client taken from IHttpClientFactory for each call.</summary>
public sealed class FactoryTimeStampClient(IHttpClientFactory factory, TimeStampClientOptions options) : ITimeStampClient
{
    public Task<SignatureResult<byte[]>> GetTokenAsync(byte[] digest, DigestAlgorithm algorithm, CancellationToken cancellationToken = default) =>
        new HttpTimeStampClient(factory.CreateClient(SignatureServicesRegistration.HttpClientName), options).GetTokenAsync(digest, algorithm, cancellationToken);
}
