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

    private sealed class CountingSource : IRevocationDataClient
    {
        private int _fetches;

        public TaskCompletionSource? Gate { get; init; }

        public int Fetches => _fetches;

        public Task<byte[]?> GetOcspResponseAsync(Uri url, byte[] request, CancellationToken cancellationToken) => throw new NotSupportedException();

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
