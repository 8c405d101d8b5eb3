using System.Net;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Infrastructure.Http;
using Npgsql;

namespace Mys.Signing.Web.Tests.Operations;

/// <summary>
/// When the database goes away under a request (a restart: every server connection terminated, what
/// <c>benchmarks/crash-safety.sh</c> does in the middle of a batch) the user gets 503 with Retry-After and the Turkish
/// "nothing was saved, retry" page, never a 500; the next request works.
/// </summary>
public sealed class DatabaseOutageTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Connections_terminated_by_the_server_give_503_with_retry_after_never_500_and_the_retry_works()
    {
        var clerk = await fixture.App.LoginAsync(DemoData.Accounts.First(a => a.Role == Role.DataEntryOfficer).Tckn);
        var list = $"/Units/{DemoData.SpendingUnitId}/PaymentOrders";
        (await clerk.GetAsync(list)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? outage = null;
        for (var attempt = 0; attempt < 10 && outage is null; attempt++)
        {
            // The app's pooled connections stay open between requests; terminating them is what a restart does to them.
            await TerminateAppConnectionsAsync();
            var response = await clerk.GetAsync(list);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                outage = response;
            }
        }

        statuses.ShouldNotContain(HttpStatusCode.InternalServerError);
        outage.ShouldNotBeNull($"no request met a terminated connection: {string.Join(", ", statuses)}");
        outage.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(DatabaseOutage.RetryAfterSeconds));
        var page = WebUtility.HtmlDecode(await outage.Content.ReadAsStringAsync());
        page.ShouldContain(DatabaseOutage.Title);
        page.ShouldContain("İşleminiz kaydedilmedi");
        (await clerk.GetAsync(list)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void Only_a_lost_or_unreachable_server_counts_as_an_outage()
    {
        DatabaseOutage.Is(Postgres("57P01")).ShouldBeTrue(); // admin shutdown (restart)
        DatabaseOutage.Is(Postgres("57P03")).ShouldBeTrue(); // cannot connect now (starting up)
        DatabaseOutage.Is(Postgres("08006")).ShouldBeTrue(); // connection failure
        DatabaseOutage.Is(new InvalidOperationException("wrapped", Postgres("57P01"))).ShouldBeTrue();
        DatabaseOutage.Is(new NpgsqlException("read failed", new IOException("end of stream"))).ShouldBeTrue();

        DatabaseOutage.Is(Postgres("23505")).ShouldBeFalse(); // unique violation: the statement's own problem
        DatabaseOutage.Is(Postgres("40001")).ShouldBeFalse(); // serialization failure: handled where it happens
        DatabaseOutage.Is(new InvalidOperationException("a bug")).ShouldBeFalse();
        DatabaseOutage.Is(null).ShouldBeFalse();
    }

    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    private async Task TerminateAppConnectionsAsync()
    {
        await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await admin.OpenAsync();
        await using var terminate = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()", admin);
        terminate.Parameters.AddWithValue("db", fixture.Database.Name);
        await terminate.ExecuteScalarAsync();
        await Task.Delay(100); // the terminated backends close their sockets
    }
}
