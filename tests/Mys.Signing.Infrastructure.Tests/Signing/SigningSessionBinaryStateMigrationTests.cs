using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Infrastructure.Tests.Signing;

/// <summary>Signing sessions an earlier version prepared (their state as JSON text) when the state became binary.</summary>
public sealed class SigningSessionBinaryStateMigrationTests
{
    private static readonly byte[] Certificate = [0x30, 0x82, 0x01, 0x0a, 1, 2, 3];

    [Fact]
    public async Task An_open_session_of_the_earlier_format_is_expired_and_its_text_kept_as_bytes_a_completed_one_is_left_as_it_was()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        MysDbContext Context() => new(DatabaseMigrator.Options(database.ConnectionString), new FixedAuditActorAccessor(AuditActor.System("t")), TimeProvider.System);
        await using (var db = Context())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261207210000_AttachmentObjectStore");
        }

        var (open, completed, user) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        const string Json = """{"SignerCertificate":"MIIBCg==","Chain":[],"Items":[{"Role":"RealizationOfficer"}]}""";
        var completedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        await database.ExecuteAsync($"""
            INSERT INTO "SigningSessions" ("Id", "UserId", "CertificateSha256", "Purpose", "Targets", "PreparedState", "CreatedAt", "ExpiresAt", "CompletedAt") VALUES
              ('{open}', '{user}', '{SigningSessionStore.Fingerprint(Certificate)}', 'PaymentOrder', '[]', '{Json}', now() - interval '1 minute', now() + interval '4 minutes', NULL),
              ('{completed}', '{user}', '{SigningSessionStore.Fingerprint(Certificate)}', 'PaymentOrder', '[]', '{Json}', now() - interval '2 minutes', now() + interval '3 minutes', '{completedAt:O}');
            """);

        await DatabaseMigrator.MigrateAsync(database.ConnectionString, appRole: null);

        await using var after = Context();
        var claim = await new SigningSessionStore(after, TimeProvider.System).ClaimAsync(open, user, Certificate, default);
        claim.Error!.Code.ShouldBe("SESSION_EXPIRED");
        claim.Error.Message.ShouldBe(SigningSessionStore.ExpiredMessage);
        var sessions = await after.SigningSessions.AsNoTracking().ToDictionaryAsync(s => s.Id);
        sessions[open].PreparedState.ShouldBe(Encoding.UTF8.GetBytes(Json));
        sessions[completed].PreparedState.ShouldBe(Encoding.UTF8.GetBytes(Json));
        sessions[completed].ExpiresAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        (await new SigningSessionStore(after, TimeProvider.System).ClaimAsync(completed, user, Certificate, default)).Error!.Code.ShouldBe("SESSION_USED");
    }
}
