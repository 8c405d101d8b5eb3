using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Cards;

/// <summary>"E-İmza ile Giriş": challenge–response with the dev PKI's keys standing in for the card.</summary>
public sealed class CardLoginTests(DevPkiAppFixture fixture) : IClassFixture<DevPkiAppFixture>
{
    private sealed record Challenge(string Nonce, string Origin, byte[] Digest, string Token);

    private static string TcknOf(Role role) => DemoData.Accounts.Single(a => a.Role == role).Tckn;

    private DevPkiEntry Card(Role role) => fixture.Pki.Persons.Single(p => p.Tckn == TcknOf(role));

    private DevPkiEntry Card(DevCertificateKind kind) => fixture.Pki.ByKind(kind);

    private static async Task<Challenge> ChallengeAsync(HttpClient client)
    {
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        var response = await client.PostAsync("/Account/Login?handler=Challenge", form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await DevPkiAppFixture.JsonAsync(response);
        return new Challenge(json.GetProperty("nonce").GetString()!, json.GetProperty("origin").GetString()!,
            Convert.FromBase64String(json.GetProperty("digest").GetString()!), token);
    }

    private static async Task<HttpResponseMessage> AnswerAsync(HttpClient client, Challenge challenge, DevPkiEntry card, byte[]? signature = null, string? originHeader = null)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = challenge.Token,
            ["nonce"] = challenge.Nonce,
            ["certificate"] = Convert.ToBase64String(card.CertificateDer),
            ["signature"] = Convert.ToBase64String(signature ?? card.SignDigest(challenge.Digest, HashAlgorithmName.SHA256)),
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login?handler=Card") { Content = form };
        if (originHeader is not null)
        {
            request.Headers.Add("Origin", originHeader);
        }

        return await client.SendAsync(request);
    }

    private async Task<string> RefusalAsync(DevPkiEntry card, Func<Challenge, byte[]>? sign = null, string? originHeader = null)
    {
        var client = fixture.App.Anonymous();
        var challenge = await ChallengeAsync(client);
        var response = await AnswerAsync(client, challenge, card, sign?.Invoke(challenge), originHeader);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a refused card login must not leave a session");
        return (await DevPkiAppFixture.JsonAsync(response)).GetProperty("code").GetString()!;
    }

    [Theory]
    [InlineData(Role.RealizationOfficer)]
    [InlineData(Role.SpendingAuthority)]
    public async Task A_valid_qualified_card_of_an_active_user_logs_in_with_the_password_login_cookie(Role role)
    {
        var client = fixture.App.Anonymous();
        var challenge = await ChallengeAsync(client);

        var response = await AnswerAsync(client, challenge, Card(role));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DevPkiAppFixture.JsonAsync(response)).GetProperty("redirect").GetString().ShouldBe("/");
        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("mys.auth=", StringComparison.Ordinal));
        (await client.GetAsync("/Account/Profile")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var user = await db.Users.SingleAsync(u => u.UserName == TcknOf(role));
        (await db.AuditEntries.AnyAsync(e => e.Action == "LoggedInWithCard" && e.EntityId == user.Id.ToString())).ShouldBeTrue();
    }

    [Fact]
    public async Task The_nonce_has_256_bits_and_the_digest_is_domain_separated_and_bound_to_the_origin()
    {
        var challenge = await ChallengeAsync(fixture.App.Anonymous());

        challenge.Nonce.Length.ShouldBeGreaterThanOrEqualTo(43);
        challenge.Origin.ShouldBe("http://localhost");
        challenge.Digest.ShouldBe(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("MYS-LOGIN-v1\nhttp://localhost\n" + challenge.Nonce)));
    }

    [Fact]
    public async Task A_replayed_answer_is_refused_because_the_nonce_is_single_use()
    {
        var client = fixture.App.Anonymous();
        var challenge = await ChallengeAsync(client);
        (await AnswerAsync(client, challenge, Card(Role.RealizationOfficer))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var other = fixture.App.Anonymous();
        var replay = await AnswerAsync(other, challenge with { Token = await MysAppFactory.AntiforgeryTokenAsync(other, "/Account/Login") }, Card(Role.RealizationOfficer));

        replay.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await DevPkiAppFixture.JsonAsync(replay)).GetProperty("code").GetString().ShouldBe("CHALLENGE_USED");
    }

    [Fact]
    public async Task A_signature_made_for_another_origin_is_refused()
    {
        var card = Card(Role.RealizationOfficer);
        byte[] ForPhishingSite(Challenge c) =>
            card.SignDigest(LoginChallengeStore.ChallengeDigest("https://mys-giris.example", c.Nonce), HashAlgorithmName.SHA256);

        (await RefusalAsync(card, ForPhishingSite)).ShouldBe("SIGNATURE_INVALID");
    }

    [Fact]
    public async Task An_answer_posted_from_another_origin_is_refused() =>
        (await RefusalAsync(Card(Role.RealizationOfficer), originHeader: "https://mys-giris.example")).ShouldBe("ORIGIN_MISMATCH");

    [Fact]
    public async Task A_signature_by_another_key_is_refused()
    {
        var other = Card(Role.SpendingAuthority);
        (await RefusalAsync(Card(Role.RealizationOfficer), c => other.SignDigest(c.Digest, HashAlgorithmName.SHA256))).ShouldBe("SIGNATURE_INVALID");
    }

    [Theory]
    [InlineData(DevCertificateKind.Expired, "CERT_EXPIRED")]
    [InlineData(DevCertificateKind.Revoked, "CERT_REVOKED")]
    [InlineData(DevCertificateKind.NotQualified, "CERT_NOT_QUALIFIED")]
    [InlineData(DevCertificateKind.UntrustedPerson, "CERT_UNTRUSTED")]
    [InlineData(DevCertificateKind.DifferentTckn, "USER_UNKNOWN")]
    public async Task Failing_certificates_are_refused_with_their_reason_audited(DevCertificateKind kind, string reason)
    {
        (await RefusalAsync(Card(kind))).ShouldBe(reason);

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        (await db.AuditEntries.AnyAsync(e => e.Action == "CardLoginRefused" && e.Changes!.Contains(reason))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_deactivated_user_cannot_log_in_with_a_valid_card()
    {
        var card = Card(Role.AccountingOfficer);
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
            var user = await db.Users.SingleAsync(u => u.UserName == card.Tckn);
            user.Deactivate(DateTimeOffset.UtcNow).IsSuccess.ShouldBeTrue();
            await db.SaveChangesAsync();
        }

        (await RefusalAsync(card)).ShouldBe("USER_INACTIVE");
    }

    [Fact]
    public async Task Password_login_still_works() =>
        (await (await fixture.App.LoginAsync(TcknOf(Role.DataEntryOfficer))).GetAsync("/Account/Profile")).StatusCode.ShouldBe(HttpStatusCode.OK);
}
