using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Mys.Signing.TestSupport;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;

namespace Mys.Signing.Infrastructure.Tests.Signing;

public sealed class SigningSessionStoreTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private static readonly byte[] Certificate = [0x30, 0x82, 0x01, 0x0a, 1, 2, 3];
    private static readonly byte[] OtherCertificate = [0x30, 0x82, 0x01, 0x0a, 9, 9, 9];
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    private MysDbContext Context() =>
        new(DatabaseMigrator.Options(fixture.Database.ConnectionString), new FixedAuditActorAccessor(AuditActor.System("t")), _clock);

    private async Task<SigningSession> PrepareAsync(Guid user)
    {
        await using var db = Context();
        return await new SigningSessionStore(db, _clock).CreateAsync(user, Certificate, "PaymentOrder", "[\"oeb-1\"]", [1, 2, 3], default);
    }

    [Fact]
    public async Task A_session_prepared_by_one_instance_is_completed_once_by_another()
    {
        var user = Guid.NewGuid();
        var session = await PrepareAsync(user);

        await using var other = Context();
        var first = await new SigningSessionStore(other, _clock).ClaimAsync(session.Id, user, Certificate, default);
        await other.SaveChangesAsync();
        var second = await new SigningSessionStore(other, _clock).ClaimAsync(session.Id, user, Certificate, default);

        first.IsSuccess.ShouldBeTrue();
        first.Value.PreparedState.ShouldBe([(byte)1, 2, 3]);
        second.Error!.Code.ShouldBe("SESSION_USED");
        (await other.AuditEntries.AnyAsync(e => e.Action == "SigningSessionCompleted" && e.EntityId == session.Id.ToString())).ShouldBeTrue();
    }

    [Fact]
    public async Task A_session_expires_after_300_seconds()
    {
        var user = Guid.NewGuid();
        var session = await PrepareAsync(user);
        _clock.Advance(TimeSpan.FromSeconds(300));

        await using var db = Context();
        (await new SigningSessionStore(db, _clock).ClaimAsync(session.Id, user, Certificate, default)).Error!.Code.ShouldBe("SESSION_EXPIRED");
    }

    [Fact]
    public async Task Another_user_or_another_certificate_cannot_complete_it()
    {
        var user = Guid.NewGuid();
        var session = await PrepareAsync(user);

        await using var db = Context();
        var store = new SigningSessionStore(db, _clock);
        (await store.ClaimAsync(session.Id, Guid.NewGuid(), Certificate, default)).Error!.Code.ShouldBe("SESSION_NOT_FOUND");
        (await store.ClaimAsync(session.Id, user, OtherCertificate, default)).Error!.Code.ShouldBe("SESSION_CERT_MISMATCH");
        (await store.ClaimAsync(session.Id, user, Certificate, default)).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public async Task A_completion_that_rolls_back_leaves_the_session_usable()
    {
        var user = Guid.NewGuid();
        var session = await PrepareAsync(user);

        await using (var failing = Context())
        {
            await using var transaction = await failing.Database.BeginTransactionAsync();
            (await new SigningSessionStore(failing, _clock).ClaimAsync(session.Id, user, Certificate, default)).IsSuccess.ShouldBeTrue();
            await transaction.RollbackAsync(); // e.g. the process died or embedding the signature failed
        }

        await using var retry = Context();
        (await new SigningSessionStore(retry, _clock).ClaimAsync(session.Id, user, Certificate, default)).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public async Task The_prepared_state_is_masked_in_the_audit_trail()
    {
        var session = await PrepareAsync(Guid.NewGuid());

        await using var db = Context();
        var created = await db.AuditEntries.SingleAsync(e => e.EntityType == nameof(SigningSession) && e.EntityId == session.Id.ToString() && e.Action == "Created");
        using var changes = System.Text.Json.JsonDocument.Parse(created.Changes!);
        changes.RootElement.GetProperty("PreparedState").GetProperty("new").GetString().ShouldBe("***");
        changes.RootElement.GetProperty("Purpose").GetProperty("new").GetString().ShouldBe("PaymentOrder");
    }
}
