using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Maintenance;
using Mys.Signing.TestSupport;
using Npgsql;

namespace Mys.Signing.Web.Tests.Cards;

/// <summary>
/// The purge of the card flows' and logins' short-lived rows on a real database: expired rows go (in several batches), live ones stay,
/// one summary audit event per run (that Quartz runs it on one app instance per firing is shown by the Scheduling tests).
/// </summary>
public sealed class ExpiredRowsPurgeJobTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 17, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;
    private MysAppFactory _app = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string> { ["Mys:Scheduler:Enabled"] = "false" };
        _database = await TestDatabase.CreateSeededAsync(settings);
        _app = new MysAppFactory(_database, settings);
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Expired_rows_are_deleted_in_batches_live_rows_stay_and_the_run_is_audited_once()
    {
        var expiredChallenges = PurgeExpiredRows.BatchSize + 7; // more than one batch
        await SeedAsync(expiredChallenges);

        await RunJobAsync(Now);

        (await CountAsync("LoginChallenges", "WHERE \"ExpiresAt\" < '2026-11-22T09:00:00Z'")).ShouldBe(0);
        (await CountAsync("LoginChallenges")).ShouldBe(2, "the live challenge and the one just expired (inside the grace period)");
        (await CountAsync("SigningCodes")).ShouldBe(2, "the live code and the one expired 10 minutes ago, which a page may still poll");
        (await _database.ScalarAsync<string>("SELECT string_agg(\"Key\", ',' ORDER BY \"Key\") FROM \"CodeLookupThrottles\""))
            .ShouldBe("addr:locked,addr:window");
        (await _database.ScalarAsync<string>("SELECT string_agg(\"Purpose\", ',' ORDER BY \"Purpose\") FROM \"SigningSessions\""))
            .ShouldBe("expired-hour,live");
        var events = await AuditDetailsAsync();
        events.Count.ShouldBe(1);
        events[0].ShouldContain($"\"loginChallenges\":{expiredChallenges}");
        events[0].ShouldContain("\"signingCodes\":1");
        events[0].ShouldContain("\"codeLookupThrottles\":1");
        events[0].ShouldContain("\"signingSessions\":1");
        (await _database.ScalarAsync<string>("SELECT string_agg(\"Key\", ',' ORDER BY \"Key\") FROM \"LoginThrottles\""))
            .ShouldBe("addr:blocked,addr:window");
        (await _database.ScalarAsync<string>("SELECT string_agg(\"UserAgent\", ',' ORDER BY \"UserAgent\") FROM \"UserSessions\" WHERE \"UserAgent\" LIKE 'purge-%'"))
            .ShouldBe("purge-ended-yesterday,purge-open");
        events[0].ShouldContain("\"loginThrottles\":1");
        events[0].ShouldContain("\"loginSessions\":2");

        await RunJobAsync(Now.AddMinutes(1));
        (await AuditDetailsAsync()).Count.ShouldBe(1, "a run that deletes nothing writes no audit event");
    }

    private async Task RunJobAsync(DateTimeOffset now)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ExpiredRowsPurgeJob>().RunAsync(now, CancellationToken.None);
    }

    private async Task SeedAsync(int expiredChallenges)
    {
        // Challenges: N long expired, one expired a minute ago (grace), one live.
        await _database.ExecuteAsync($"""
            INSERT INTO "LoginChallenges" ("Id", "NonceSha256", "Origin", "CreatedAt", "ExpiresAt")
            SELECT gen_random_uuid(), lpad(to_hex(i), 64, '0'), 'https://mys.test', {T(Now.AddHours(-3))}, {T(Now.AddHours(-3).AddMinutes(2))}
            FROM generate_series(1, {expiredChallenges}) AS i;
            INSERT INTO "LoginChallenges" ("Id", "NonceSha256", "Origin", "CreatedAt", "ExpiresAt") VALUES
              (gen_random_uuid(), repeat('a', 64), 'https://mys.test', {T(Now.AddMinutes(-3))}, {T(Now.AddMinutes(-1))}),
              (gen_random_uuid(), repeat('b', 64), 'https://mys.test', {T(Now.AddMinutes(-1))}, {T(Now.AddMinutes(1))});
            INSERT INTO "SigningCodes" ("Id", "CodeSha256", "UserId", "Origin", "Purpose", "Targets", "CreatedAt", "ExpiresAt") VALUES
              (gen_random_uuid(), repeat('1', 64), gen_random_uuid(), 'https://mys.test', 'PaymentOrder', '[]', {T(Now.AddHours(-2))}, {T(Now.AddHours(-2).AddMinutes(5))}),
              (gen_random_uuid(), repeat('2', 64), gen_random_uuid(), 'https://mys.test', 'PaymentOrder', '[]', {T(Now.AddMinutes(-15))}, {T(Now.AddMinutes(-10))}),
              (gen_random_uuid(), repeat('3', 64), gen_random_uuid(), 'https://mys.test', 'PaymentOrder', '[]', {T(Now.AddMinutes(-1))}, {T(Now.AddMinutes(4))});
            INSERT INTO "CodeLookupThrottles" ("Key", "WindowStart", "Failures", "LockedUntil") VALUES
              ('addr:stale', {T(Now.AddHours(-1))}, 5, {T(Now.AddMinutes(-45))}),
              ('addr:locked', {T(Now.AddMinutes(-20))}, 5, {T(Now.AddMinutes(5))}),
              ('addr:window', {T(Now.AddMinutes(-5))}, 2, NULL);
            INSERT INTO "SigningSessions" ("Id", "UserId", "CertificateSha256", "Purpose", "Targets", "PreparedState", "CreatedAt", "ExpiresAt") VALUES
              (gen_random_uuid(), gen_random_uuid(), repeat('c', 64), 'expired-days', '[]', '[]', {T(Now.AddDays(-2))}, {T(Now.AddDays(-2).AddMinutes(5))}),
              (gen_random_uuid(), gen_random_uuid(), repeat('c', 64), 'expired-hour', '[]', '[]', {T(Now.AddHours(-1))}, {T(Now.AddMinutes(-55))}),
              (gen_random_uuid(), gen_random_uuid(), repeat('c', 64), 'live', '[]', '[]', {T(Now.AddMinutes(-1))}, {T(Now.AddMinutes(4))});
            INSERT INTO "LoginThrottles" ("Key", "WindowStart", "Failures", "BlockedUntil") VALUES
              ('addr:stale', {T(Now.AddHours(-1))}, 20, {T(Now.AddMinutes(-45))}),
              ('addr:blocked', {T(Now.AddMinutes(-20))}, 20, {T(Now.AddMinutes(5))}),
              ('addr:window', {T(Now.AddMinutes(-5))}, 2, NULL);
            INSERT INTO "UserSessions" ("Id", "UserId", "CreatedAt", "LastSeenAt", "UserAgent", "Method", "EndedAt", "EndReason")
            SELECT gen_random_uuid(), u."Id", v.created, v.seen, v.agent, 'Password', v.ended, CASE WHEN v.ended IS NULL THEN NULL ELSE 'LoggedOut' END
            FROM (SELECT "Id" FROM "AspNetUsers" ORDER BY "Id" LIMIT 1) AS u,
                 (VALUES ('purge-ended-long-ago', {T(Now.AddDays(-41))}::timestamptz, {T(Now.AddDays(-40))}::timestamptz, {T(Now.AddDays(-40))}::timestamptz),
                         ('purge-idle-long-ago', {T(Now.AddDays(-41))}::timestamptz, {T(Now.AddDays(-40))}::timestamptz, NULL::timestamptz),
                         ('purge-ended-yesterday', {T(Now.AddDays(-2))}::timestamptz, {T(Now.AddDays(-1))}::timestamptz, {T(Now.AddDays(-1))}::timestamptz),
                         ('purge-open', {T(Now.AddHours(-1))}::timestamptz, {T(Now.AddMinutes(-1))}::timestamptz, NULL::timestamptz)) AS v(agent, created, seen, ended);
            """);
    }

    private static string T(DateTimeOffset value) => "'" + value.ToString("O", CultureInfo.InvariantCulture) + "'";

    private async Task<long> CountAsync(string table, string? where = null) =>
        await _database.ScalarAsync<long>($"SELECT count(*) FROM \"{table}\" {where}");

    private async Task<List<string>> AuditDetailsAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT \"Changes\" FROM \"AuditEntries\" WHERE \"Action\" = 'ExpiredRowsPurged' ORDER BY \"Id\"");
        await using var reader = await command.ExecuteReaderAsync();
        var details = new List<string>();
        while (await reader.ReadAsync())
        {
            details.Add(reader.GetString(0));
        }

        return details;
    }
}
