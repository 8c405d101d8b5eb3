using System.Net;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Words;

/// <summary>The app with the dev PKI (signed ÖEBs in the demo data) and one ÖEB sent to accounting and one accepted.</summary>
public sealed class WordsFixture : SignedDemoAppFixture, IAsyncLifetime
{
    public Guid SentId { get; private set; }

    public Guid AcceptedId { get; private set; }

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        SentId = (await Seeder.SeedSentAsync()).Id;
        AcceptedId = (await Seeder.SeedSentAsync()).Id;
        var officer = await App.LoginAsync(DemoData.Accounts.Single(a => a.Role == Role.AccountingStaff).Tckn);
        var accepted = await MysAppFactory.PostFormAsync(officer, $"/Units/{DemoData.AccountingUnitId}/Inbox/{AcceptedId}?handler=Accept", new Dictionary<string, string>());
        if (accepted.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Accepting the seeded ÖEB failed: {(int)accepted.StatusCode}");
        }
    }
}

/// <summary>
/// Every page a role reaches (breadth-first over the app's own links from the start page, plus the seeded ÖEBs' pages),
/// rendered as the signed-in user sees it, has no English status word and no bare support code (docs/ui-words.md).
/// </summary>
public sealed partial class RoleReachablePagesTests(WordsFixture fx, ITestOutputHelper output) : IClassFixture<WordsFixture>
{
    private const int MaxPagesPerRole = 150;

    /// <summary>Links that change state, log out or download a file rather than show a page.</summary>
    private static readonly string[] Skipped = ["/Account/Logout", "handler=", "/Pdf", "/Attachments/", "/Attachment/", "/Ekler/", "/api/", "/css/", "/js/", "/health"];

    public static TheoryData<Role> Roles => new()
    {
        Role.DataEntryOfficer, Role.RealizationOfficer, Role.SpendingAuthority, Role.AccountingOfficer, Role.AccountingStaff, Role.IdentityAdministrator,
        Role.SystemAdministrator,
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_page_the_role_reaches_speaks_turkish_with_codes_only_small_beside_it(Role role)
    {
        var client = await fx.App.LoginAsync(DemoData.Accounts.Single(a => a.Role == role).Tckn);
        var queue = new Queue<string>(["/", .. SeededPages(role)]);
        var seen = new HashSet<string>(queue, StringComparer.Ordinal);
        var variants = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        var scanned = 0;
        while (queue.Count > 0 && scanned < MaxPagesPerRole)
        {
            var url = queue.Dequeue();
            using var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            scanned++;
            output.WriteLine(url);
            problems.AddRange(PageWords.Problems(html).Select(p => $"{url}: {p}"));
            foreach (var link in Links(html))
            {
                var path = link.Split('?')[0];
                if (seen.Add(link) && (variants[path] = variants.GetValueOrDefault(path) + 1) <= 2)
                {
                    queue.Enqueue(link);
                }
            }
        }

        scanned.ShouldBeGreaterThan(3, "the crawl reached the role's pages");
        problems.Distinct().ShouldBeEmpty();
    }

    [Fact]
    public void The_scan_finds_english_words_and_bare_codes_and_accepts_a_small_code_beside_turkish()
    {
        PageWords.Problems("<p>Durum: TotalPassed</p>").ShouldNotBeEmpty();
        PageWords.Problems("<td>Match</td>").ShouldNotBeEmpty();
        PageWords.Problems("<li><code>R10.REQUIRED_MISSING</code> Zorunlu belge eksik.</li>").ShouldNotBeEmpty();
        PageWords.Problems("<p><a href=\"/Yardim\">Yardım: AGENT_PIN_INCORRECT</a></p>").ShouldNotBeEmpty();
        PageWords.Problems("<li><small class=\"kod\">(kod: <code>R7.NOT_SIGNED</code>)</small></li>").ShouldNotBeEmpty("a code alone, with no Turkish sentence");
        PageWords.Problems("<li>Zorunlu belge eksik. <small class=\"kod\">(kod: <code>R10.REQUIRED_MISSING</code>)</small></li>").ShouldBeEmpty();
        PageWords.Problems("<p data-state=\"None\" title=\"Match\">Uyumlu</p><script>var x = null;</script>").ShouldBeEmpty("attributes and scripts are not read");
        PageWords.Problems("<td><code class=\"hash\">{\"a\":true}</code> Kayıt</td>").ShouldBeEmpty("machine data is not read");
        PageWords.Problems("<td><details><summary>Göster</summary><pre class=\"audit-details\">{ \"old\": null, \"new\": false }</pre></details></td>").ShouldBeEmpty("the audit log's change record is machine data");
        PageWords.Problems("<p>Kabul edildi</p>").ShouldBeEmpty();
        PageWords.Problems("<li>Harcama Yetkilisi: Geçersiz — Belge değiştirilmiş. (UNSIGNED_BYTES_AFTER_LAST_REVISION)</li>").ShouldNotBeEmpty("a finding code in parentheses, bare");
        PageWords.Problems("<li>Belge değiştirilmiş. (kod: PAGE_ADDED, PERMITTED_CHANGE)</li>").ShouldNotBeEmpty("the code as plain text, not small");
        PageWords.Problems("<p>Doğrulanamadı (PDF_UNREADABLE: broken xref)</p>").ShouldNotBeEmpty();
        PageWords.Problems("<li>Belgeye sayfa eklenmiş. <small class=\"kod\">(kod: <code>PAGE_ADDED, PERMITTED_CHANGE</code>)</small></li>").ShouldBeEmpty();
        PageWords.Problems("<p>Özet (SHA-256) ve IBAN (TR33 0006 1005) doğru.</p>").ShouldBeEmpty("not a code");
    }

    [Fact]
    public void A_report_problem_ending_in_its_code_is_rendered_with_the_code_small_beside_the_sentence()
    {
        using var html = new StringWriter();
        Infrastructure.Display.Sentence("Kural: Zorunlu belge eksik: fatura. (kod: R10.REQUIRED_MISSING)").WriteTo(html, System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));

        html.ToString().ShouldBe("Kural: Zorunlu belge eksik: fatura. <small class=\"kod\" title=\"Destek için kod\">(kod: <code>R10.REQUIRED_MISSING</code>)</small>");
        PageWords.Problems("<li>" + html + "</li>").ShouldBeEmpty();
    }

    private IEnumerable<string> SeededPages(Role role)
    {
        var su = DemoData.SpendingUnitId;
        var au = DemoData.AccountingUnitId;
        return role switch
        {
            Role.DataEntryOfficer or Role.RealizationOfficer or Role.SpendingAuthority =>
                [$"/Units/{su}/PaymentOrders/{fx.SentId}", $"/Units/{su}/PaymentOrders/{fx.AcceptedId}"],
            Role.AccountingOfficer or Role.AccountingStaff =>
                [$"/Units/{au}/Inbox/{fx.SentId}", $"/Units/{au}/Inbox/{fx.AcceptedId}"],
            _ => [],
        };
    }

    private static IEnumerable<string> Links(string html) =>
        Href().Matches(html)
            .Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value).Split('#')[0])
            .Where(u => u.StartsWith('/') && !u.StartsWith("//", StringComparison.Ordinal) && u.Length > 0)
            .Where(u => !Skipped.Any(s => u.Contains(s, StringComparison.OrdinalIgnoreCase)));

    [GeneratedRegex(@"<a\b[^>]*\bhref=""(?<url>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Href();
}
