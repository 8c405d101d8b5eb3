using Microsoft.Extensions.Time.Testing;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Tests.Validation;

/// <summary>
/// The revocation answers the report pages reuse for a minute (issue 21): fetched once per lifetime, fetched again after
/// it, and a caller that gives up (a closed browser tab) neither fails the others waiting for the same fetch nor leaves
/// a cancelled answer behind.
/// </summary>
public sealed class CachingRevocationDataClientTests
{
    private static readonly Uri Crl = new("http://pki.example/ca.crl");

    [Fact]
    public async Task An_answer_is_reused_within_its_lifetime_and_fetched_again_after_it()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var source = new CountingSource();
        var client = new CachingRevocationDataClient(source, time, TimeSpan.FromMinutes(1));

        (await client.GetCrlAsync(Crl, default)).ShouldBe([1]);
        time.Advance(TimeSpan.FromSeconds(59));
        (await client.GetCrlAsync(Crl, default)).ShouldBe([1]);
        source.Fetches.ShouldBe(1);

        time.Advance(TimeSpan.FromSeconds(2));
        (await client.GetCrlAsync(Crl, default)).ShouldBe([2]);
        source.Fetches.ShouldBe(2);
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_fail_another_waiting_for_the_same_fetch()
    {
        var source = new CountingSource { Gate = new TaskCompletionSource() };
        var client = new CachingRevocationDataClient(source, TimeProvider.System, TimeSpan.FromMinutes(1));
        using var leaving = new CancellationTokenSource();

        var first = client.GetCrlAsync(Crl, leaving.Token);
        var second = client.GetCrlAsync(Crl, default);
        await leaving.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(first);
        source.Gate.SetResult();

        (await second).ShouldBe([1]);
        (await client.GetCrlAsync(Crl, default)).ShouldBe([1]);
        source.Fetches.ShouldBe(1);
    }

    [Fact]
    public async Task Ocsp_requests_share_an_answer_when_they_ask_about_the_same_certificates_whatever_their_nonce()
    {
        var source = new CountingSource();
        var client = new CachingRevocationDataClient(source, TimeProvider.System, TimeSpan.FromMinutes(1));
        var ocsp = new Uri("http://pki.example/ocsp");

        (await client.GetOcspResponseAsync(ocsp, Request(serial: 7, nonce: 1), default)).ShouldBe([1]);
        (await client.GetOcspResponseAsync(ocsp, Request(serial: 7, nonce: 2), default)).ShouldBe([1]);
        (await client.GetOcspResponseAsync(ocsp, Request(serial: 7, nonce: null), default)).ShouldBe([1]);
        source.Fetches.ShouldBe(1);

        // Another serial, another issuer key hash, another responder: each its own answer.
        (await client.GetOcspResponseAsync(ocsp, Request(serial: 8, nonce: 1), default)).ShouldBe([2]);
        (await client.GetOcspResponseAsync(ocsp, Request(serial: 7, nonce: 1, keyHash: 0x55), default)).ShouldBe([3]);
        (await client.GetOcspResponseAsync(new Uri("http://other.example/ocsp"), Request(serial: 7, nonce: 1), default)).ShouldBe([4]);

        // Bytes that are not an OCSP request are keyed by all of them: only the identical bytes share.
        (await client.GetOcspResponseAsync(ocsp, [0x30, 0x03, 0x02, 0x01, 0x07], default)).ShouldBe([5]);
        (await client.GetOcspResponseAsync(ocsp, [0x30, 0x03, 0x02, 0x01, 0x07], default)).ShouldBe([5]);
        (await client.GetOcspResponseAsync(ocsp, [0x30, 0x03, 0x02, 0x01, 0x08], default)).ShouldBe([6]);
        source.Fetches.ShouldBe(6);
    }

    /// <summary>An OCSP request as BouncyCastle's generator writes it (the validator's own requests are made so).</summary>
    private static byte[] Request(long serial, int? nonce, byte keyHash = 0x22)
    {
        var id = new Org.BouncyCastle.Ocsp.CertificateID(new Org.BouncyCastle.Asn1.Ocsp.CertID(
            new Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier(Org.BouncyCastle.Asn1.Oiw.OiwObjectIdentifiers.IdSha1, Org.BouncyCastle.Asn1.DerNull.Instance),
            new Org.BouncyCastle.Asn1.DerOctetString(Enumerable.Repeat((byte)0x11, 20).ToArray()),
            new Org.BouncyCastle.Asn1.DerOctetString(Enumerable.Repeat(keyHash, 20).ToArray()),
            Org.BouncyCastle.Asn1.DerInteger.ValueOf(serial)));
        var generator = new Org.BouncyCastle.Ocsp.OcspReqGenerator();
        generator.AddRequest(id);
        if (nonce is { } n)
        {
            var extensions = new Org.BouncyCastle.Asn1.X509.X509ExtensionsGenerator();
            extensions.AddExtension(Org.BouncyCastle.Asn1.Ocsp.OcspObjectIdentifiers.PkixOcspNonce, false,
                new Org.BouncyCastle.Asn1.DerOctetString(Enumerable.Repeat((byte)n, 16).ToArray()));
            generator.SetRequestExtensions(extensions.Generate());
        }

        return generator.Generate().GetEncoded();
    }

    private sealed class CountingSource : IRevocationDataClient
    {
        private int _fetches;

        public TaskCompletionSource? Gate { get; init; }

        public int Fetches => _fetches;

        public Task<byte[]?> GetOcspResponseAsync(Uri url, byte[] request, CancellationToken cancellationToken) =>
            Task.FromResult<byte[]?>([(byte)Interlocked.Increment(ref _fetches)]);

        public async Task<byte[]?> GetCrlAsync(Uri url, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _fetches);
            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            return [(byte)n];
        }
    }
}
