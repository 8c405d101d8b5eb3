using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing.Codes;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Infrastructure.Tests.Signing;

public sealed class SigningCodeStoreTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private const string Origin = "https://mys.example.gov.tr";
    private static readonly byte[] Certificate = [0x30, 0x82, 0x01, 0x0a, 1, 2, 3];
    private static readonly byte[] OtherCertificate = [0x30, 0x82, 0x01, 0x0a, 9, 9, 9];
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    private MysDbContext Context() =>
        new(DatabaseMigrator.Options(fixture.Database.ConnectionString), new FixedAuditActorAccessor(AuditActor.System("t")), _clock);

    private async Task<(SigningCode Code, string Plain)> IssueAsync(Guid user)
    {
        await using var db = Context();
        return await new SigningCodeStore(db, _clock).IssueAsync(user, Origin, "PaymentOrder", "[]", default);
    }

    private async Task<string?> ClaimAsync(string plain, string origin = Origin, byte[]? certificate = null)
    {
        await using var db = Context();
        return (await new SigningCodeStore(db, _clock).ClaimAsync(plain, origin, certificate ?? Certificate, default)).Error?.Code;
    }

    [Fact]
    public async Task Codes_are_15_random_digits_and_only_their_hash_is_stored()
    {
        var (code, plain) = await IssueAsync(Guid.NewGuid());
        var (_, another) = await IssueAsync(Guid.NewGuid());

        plain.Length.ShouldBe(15);
        plain.ShouldAllBe(c => char.IsAsciiDigit(c));
        another.ShouldNotBe(plain);
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"SigningCodes\" WHERE \"Id\" = '{code.Id}' AND \"CodeSha256\" = '{SigningCodeStore.Hash(plain)}'")).ShouldBe(1);
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"SigningCodes\" WHERE row_to_json(\"SigningCodes\")::text LIKE '%{plain}%'")).ShouldBe(0);
        (code.ExpiresAt - code.CreatedAt).ShouldBe(TimeSpan.FromSeconds(300));
    }

    [Fact]
    public async Task A_code_is_claimed_once_and_typed_with_spaces_or_dashes_it_still_matches()
    {
        var (_, plain) = await IssueAsync(Guid.NewGuid());

        (await ClaimAsync($"{plain[..5]} {plain[5..10]}-{plain[10..]}")).ShouldBeNull();
        (await ClaimAsync(plain)).ShouldBe("CODE_USED");
    }

    [Fact]
    public async Task A_code_expires_after_300_seconds()
    {
        var (_, plain) = await IssueAsync(Guid.NewGuid());
        _clock.Advance(TimeSpan.FromSeconds(300));

        (await ClaimAsync(plain)).ShouldBe("CODE_EXPIRED");
    }

    [Fact]
    public async Task A_code_is_bound_to_its_origin_and_unknown_or_malformed_codes_are_unknown()
    {
        var (_, plain) = await IssueAsync(Guid.NewGuid());

        (await ClaimAsync(plain, "https://mys-imza.example")).ShouldBe("CODE_WRONG_ORIGIN");
        (await ClaimAsync("123")).ShouldBe("CODE_UNKNOWN");
        (await ClaimAsync(plain[..14] + "x")).ShouldBe("CODE_UNKNOWN");
    }

    [Fact]
    public async Task Completion_needs_the_claiming_certificate_and_the_status_is_visible_only_to_the_owner()
    {
        var owner = Guid.NewGuid();
        var (code, plain) = await IssueAsync(owner);
        await ClaimAsync(plain);
        await using var db = Context();
        var store = new SigningCodeStore(db, _clock);
        await store.AttachSessionAsync(code.Id, Guid.NewGuid(), default);

        (await store.FindClaimedAsync(plain, Origin, OtherCertificate, default)).Error!.Code.ShouldBe("CODE_CERT_MISMATCH");
        (await store.FindClaimedAsync(plain, Origin, Certificate, default)).IsSuccess.ShouldBeTrue();
        (await store.MarkCompletedAsync(code.Id, default)).ShouldBeTrue();
        (await store.MarkCompletedAsync(code.Id, default)).ShouldBeFalse();
        (await store.FindClaimedAsync(plain, Origin, Certificate, default)).Error!.Code.ShouldBe("CODE_USED");
        (await store.FindForUserAsync(code.Id, owner, default))!.CompletedAt.ShouldNotBeNull();
        (await store.FindForUserAsync(code.Id, Guid.NewGuid(), default)).ShouldBeNull();
    }

    [Fact]
    public async Task Failures_lock_an_address_for_a_window_then_it_opens_again_and_other_addresses_are_unaffected()
    {
        var address = CodeThrottle.AddressKey("203.0.113." + Random.Shared.Next(1, 250).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var other = CodeThrottle.AddressKey("198.51.100.7-" + Guid.NewGuid().ToString("N"));
        for (var i = 1; i <= CodeThrottle.MaxFailures; i++)
        {
            // A new context per failure, as separate requests (and app instances) would use.
            await using var db = Context();
            (await new CodeThrottle(db, _clock).RecordFailureAsync([address], default)).ShouldBe(i == CodeThrottle.MaxFailures);
        }

        await using var check = Context();
        var throttle = new CodeThrottle(check, _clock);
        (await throttle.LockedUntilAsync([address], default)).ShouldBe(_clock.GetUtcNow() + CodeThrottle.LockDuration);
        (await throttle.LockedUntilAsync([other], default)).ShouldBeNull();
        _clock.Advance(CodeThrottle.LockDuration);
        (await throttle.LockedUntilAsync([address], default)).ShouldBeNull();
        (await throttle.RecordFailureAsync([address], default)).ShouldBeFalse("a new window starts counting from one");
    }

    [Fact]
    public async Task Failures_spread_over_more_than_a_window_do_not_lock()
    {
        var address = CodeThrottle.AddressKey(Guid.NewGuid().ToString("N"));
        for (var i = 0; i < CodeThrottle.MaxFailures * 2; i++)
        {
            await using var db = Context();
            (await new CodeThrottle(db, _clock).RecordFailureAsync([address], default)).ShouldBeFalse();
            _clock.Advance(CodeThrottle.Window / (CodeThrottle.MaxFailures - 1));
        }
    }

    [Fact]
    public async Task A_login_challenge_is_single_use_short_lived_and_bound_to_its_origin()
    {
        await using var db = Context();
        var store = new LoginChallengeStore(db, _clock);
        var (challenge, nonce) = await store.IssueAsync(Origin, default);
        var (_, expiring) = await store.IssueAsync(Origin, default);
        var (_, relayed) = await store.IssueAsync(Origin, default);

        Convert.FromBase64String(nonce.Replace('-', '+').Replace('_', '/') + "=").Length.ShouldBe(32);
        challenge.NonceSha256.ShouldNotBe(nonce);
        (await store.ConsumeAsync(nonce, Origin, default)).IsSuccess.ShouldBeTrue();
        (await store.ConsumeAsync(nonce, Origin, default)).Error!.Code.ShouldBe("CHALLENGE_USED");
        (await store.ConsumeAsync(relayed, "https://mys-giris.example", default)).Error!.Code.ShouldBe("CHALLENGE_WRONG_ORIGIN");
        (await store.ConsumeAsync(relayed, Origin, default)).Error!.Code.ShouldBe("CHALLENGE_USED");
        _clock.Advance(LoginChallengeStore.Lifetime);
        (await store.ConsumeAsync(expiring, Origin, default)).Error!.Code.ShouldBe("CHALLENGE_EXPIRED");
        (await db.LoginChallenges.CountAsync(c => c.NonceSha256 == LoginChallengeStore.Sha256Hex(nonce))).ShouldBe(1);
    }
}
