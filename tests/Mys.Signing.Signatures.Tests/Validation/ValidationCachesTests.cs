using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Tests.Validation;

/// <summary>The validator's caches (issue 21): bounded, least recently used evicted, never a verdict for other bytes.</summary>
public sealed class BoundedCacheTests
{
    [Fact]
    public void The_least_recently_used_entry_is_evicted_and_a_read_counts_as_a_use()
    {
        var cache = new BoundedCache<string, int>("test", 2);
        cache.Set("a", 1);
        cache.Set("b", 2);
        cache.TryGet("a", out _).ShouldBeTrue();
        cache.Set("c", 3);

        cache.TryGet("b", out _).ShouldBeFalse();
        cache.TryGet("a", out var a).ShouldBeTrue();
        a.ShouldBe(1);
        cache.TryGet("c", out var c).ShouldBeTrue();
        c.ShouldBe(3);
        cache.Statistics().ShouldBe(new CacheStatistics("test", 2, 2, 3, 1, 1));
    }

    [Fact]
    public void It_never_holds_more_than_its_capacity_and_keeps_the_newest()
    {
        var cache = new BoundedCache<int, int>("test", 3);
        for (var i = 0; i < 100; i++)
        {
            cache.Set(i, i);
        }

        cache.Count.ShouldBe(3);
        cache.Statistics().Evictions.ShouldBe(97);
        foreach (var kept in new[] { 97, 98, 99 })
        {
            cache.TryGet(kept, out var value).ShouldBeTrue();
            value.ShouldBe(kept);
        }

        cache.TryGet(96, out _).ShouldBeFalse();
    }

    [Fact]
    public void Replacing_a_value_does_not_grow_the_cache()
    {
        var cache = new BoundedCache<string, int>("test", 2);
        cache.Set("a", 1);
        cache.Set("a", 2);
        cache.Set("b", 3);

        cache.Count.ShouldBe(2);
        cache.TryGet("a", out var a).ShouldBeTrue();
        a.ShouldBe(2);
        cache.Statistics().Evictions.ShouldBe(0);
    }

    [Fact]
    public void Concurrent_writers_stay_within_the_bound()
    {
        var cache = new BoundedCache<int, int>("test", 16);
        Parallel.For(0, 10_000, i => cache.GetOrAdd(i % 64, i, static (_, v) => v));

        cache.Count.ShouldBeLessThanOrEqualTo(16);
    }
}

[Collection(PkiCollection.Name)]
public sealed class ValidationCachesTests(PkiFixture fx)
{
    [Fact]
    public async Task A_validator_with_one_entry_per_cache_still_passes_and_stays_within_its_limits()
    {
        var signed = await SignedTwiceAsync();
        var limits = new ValidationCacheLimits { Signatures = 1, TimeStamps = 1, Certificates = 1, Revocation = 1, PublicKeys = 1 };
        var caches = new ValidationCaches(limits);
        var validator = new SignatureValidator(Validators.Options(fx), new HttpRevocationDataClient(fx.Http), TimeProvider.System, caches);

        for (var round = 0; round < 2; round++)
        {
            var report = await validator.ValidatePdfAsync(signed);
            report.Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
        }

        caches.Statistics().ShouldAllBe(c => c.Count <= 1 && c.Capacity == 1);
        caches.Statistics().Sum(c => c.Evictions).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Warm_caches_do_not_pass_bytes_nobody_signed()
    {
        var signed = await SignedTwiceAsync();
        var caches = new ValidationCaches();
        var validator = new SignatureValidator(Validators.Options(fx), new HttpRevocationDataClient(fx.Http), TimeProvider.System, caches);
        (await validator.ValidatePdfAsync(signed)).Indication.ShouldBe(Indication.TotalPassed);
        var hitsBefore = caches.Statistics().Sum(c => c.Hits);

        var tampered = (byte[])signed.Clone();
        tampered[tampered.AsSpan().IndexOf("stream\n"u8) + 60] ^= 0x01;
        var report = await validator.ValidatePdfAsync(tampered);

        caches.Statistics().Sum(c => c.Hits).ShouldBeGreaterThan(hitsBefore, "the same signatures came from the caches");
        report.Signatures.ShouldAllBe(s => s.Indication == Indication.TotalFailed && s.SubIndication == SubIndication.HashFailure);
        report.Indication.ShouldBe(Indication.TotalFailed);
    }

    [Fact]
    public async Task A_tampered_document_fails_with_cold_caches_and_after_the_original_warmed_them()
    {
        var signed = await SignedTwiceAsync();
        var tampered = (byte[])signed.Clone();
        tampered[tampered.AsSpan().IndexOf("stream\n"u8) + 60] ^= 0x01;
        var caches = new ValidationCaches();
        var validator = new SignatureValidator(Validators.Options(fx), new HttpRevocationDataClient(fx.Http), TimeProvider.System, caches);

        var cold = await validator.ValidatePdfAsync(tampered);
        (await validator.ValidatePdfAsync(signed)).Indication.ShouldBe(Indication.TotalPassed);
        var warm = await validator.ValidatePdfAsync(tampered);

        foreach (var report in new[] { cold, warm })
        {
            report.Indication.ShouldBe(Indication.TotalFailed);
            report.Signatures.ShouldAllBe(s => s.Indication == Indication.TotalFailed && s.SubIndication == SubIndication.HashFailure);
        }
    }

    [Fact]
    public async Task Cleared_caches_give_the_same_report_as_warm_ones()
    {
        var signed = await SignedTwiceAsync();
        var caches = new ValidationCaches();
        var validator = new SignatureValidator(Validators.Options(fx), new HttpRevocationDataClient(fx.Http), TimeProvider.System, caches);
        var cold = await validator.ValidatePdfAsync(signed);
        var warm = await validator.ValidatePdfAsync(signed);
        caches.Clear();

        caches.Statistics().ShouldAllBe(c => c.Count == 0);
        var again = await validator.ValidatePdfAsync(signed);
        Summary(warm).ShouldBe(Summary(cold));
        Summary(again).ShouldBe(Summary(cold));
    }

    private static string Summary(ValidationReport report) =>
        report.Indication + " " + string.Join(" | ", report.Signatures.Select(s => $"{s.Indication} {s.Level} {s.SignerName} {s.Revocation?.Status} {string.Join(",", s.Chain)}"));

    private async Task<byte[]> SignedTwiceAsync()
    {
        var first = await TestSigner.SignPdfAsync(fx, PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder()), SignerFields.RealizationOfficer, fx.Pki["ayse"]);
        return (await TestSigner.SignPdfAsync(fx, first.Pdf, SignerFields.SpendingAuthority, fx.Pki["mehmet"])).Pdf;
    }
}
