using System.Globalization;
using System.Net;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Words;

/// <summary>The app with the dev PKI, one ÖEB sent to accounting and one accepted, for the refused forms below.</summary>
public sealed class RefusedFormsFixture : SignedDemoAppFixture, IAsyncLifetime
{
    public Guid SentId { get; private set; }

    public Guid AcceptedId { get; private set; }

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        SentId = (await Seeder.SeedSentAsync()).Id;
        AcceptedId = (await Seeder.SeedSentAsync()).Id;
        var staff = await App.LoginAsync(DemoData.Accounts.Single(a => a.Role == Role.AccountingStaff).Tckn);
        var accepted = await MysAppFactory.PostFormAsync(staff, $"/Units/{DemoData.AccountingUnitId}/Inbox/{AcceptedId}?handler=Accept", new Dictionary<string, string>());
        if (accepted.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Accepting the seeded ÖEB failed: {(int)accepted.StatusCode}");
        }
    }
}

/// <summary>
/// The pages a person sees after a refused form (422: the same page again with the refusal) follow the same rules as the
/// pages they reach by links (docs/ui-words.md): Turkish only, codes small beside a Turkish sentence. The crawl of
/// <see cref="RoleReachablePagesTests"/> only follows links, so it never sees these.
/// </summary>
public sealed class RefusedFormPagesTests(RefusedFormsFixture fx) : IClassFixture<RefusedFormsFixture>
{
    private static readonly Guid Su = DemoData.SpendingUnitId;
    private static readonly Guid Au = DemoData.AccountingUnitId;
    private static int _counter;

    public static TheoryData<string> Cases => new()
    {
        "order-bad-amount", "order-bad-iban", "order-unbalanced-and-empty", "login-wrong-password", "return-without-reason",
        "accept-already-accepted", "user-bad-tckn", "role-without-choice",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_refused_form_answers_422_with_a_page_that_speaks_turkish(string name)
    {
        var (response, expected) = await PostAsync(name);
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, Excerpt(html));
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        WebUtility.HtmlDecode(html).ShouldContain(expected, Case.Insensitive, Excerpt(html));
        PageWords.Problems(html).ShouldBeEmpty();
    }

    private async Task<(HttpResponseMessage Response, string Expected)> PostAsync(string name)
    {
        switch (name)
        {
            case "order-bad-amount":
            {
                var fields = OrderFields();
                fields["Form.Gross"] = "1,234.56";
                fields["Form.Lines[0].Amount"] = "12,345,67";
                return (await PostAsAsync(Role.DataEntryOfficer, $"/Units/{Su}/PaymentOrders/Edit", fields), "Tutar Türkçe yazılmalıdır");
            }

            case "order-bad-iban":
            {
                var fields = OrderFields();
                fields["Form.PayeeIban"] = "TR330006100519786457841327";
                return (await PostAsAsync(Role.DataEntryOfficer, $"/Units/{Su}/PaymentOrders/Edit", fields), "IBAN");
            }

            case "order-unbalanced-and-empty":
            {
                var fields = OrderFields();
                fields["Form.Number"] = string.Empty;
                fields["Form.ExpenseTypeCode"] = string.Empty;
                return (await PostAsAsync(Role.DataEntryOfficer, $"/Units/{Su}/PaymentOrders/Edit", fields), "Ödeme Emri");
            }

            case "login-wrong-password":
            {
                var client = fx.App.Anonymous();
                var fields = new Dictionary<string, string> { ["Tckn"] = DemoData.Accounts[0].Tckn, ["Password"] = "yanlis-parola-123" };
                return (await MysAppFactory.PostFormAsync(client, "/Account/Login", fields, "/Account/Login"), "T.C. kimlik");
            }

            case "return-without-reason":
                return (await PostAsAsync(Role.AccountingOfficer, $"/Units/{Au}/Inbox/{fx.SentId}?handler=Return", new Dictionary<string, string> { ["reason"] = " " }), "İade gerekçesi yazılmalıdır");

            case "accept-already-accepted":
                return (await PostAsAsync(Role.AccountingOfficer, $"/Units/{Au}/Inbox/{fx.AcceptedId}?handler=Accept", new Dictionary<string, string>()), "kabul");

            case "user-bad-tckn":
                return (await PostAsAsync(Role.IdentityAdministrator, $"/Units/{Su}/CreateUser", new Dictionary<string, string>
                {
                    ["Tckn"] = "12345678901", ["FullName"] = "Deneme Kişi", ["Title"] = "Memur", ["Email"] = "deneme@example.gov.tr", ["Phone"] = "03121234567",
                }), "kimlik");

            case "role-without-choice":
                return (await PostAsAsync(Role.IdentityAdministrator, $"/Units/{Su}/AssignRole", new Dictionary<string, string>()), "rol");

            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }

    private async Task<HttpResponseMessage> PostAsAsync(Role role, string url, Dictionary<string, string> fields)
    {
        var client = await fx.App.LoginAsync(DemoData.Accounts.Single(a => a.Role == role).Tckn);
        return await MysAppFactory.PostFormAsync(client, url, fields);
    }

    private static Dictionary<string, string> OrderFields()
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["Form.Number"] = $"RED/{Interlocked.Increment(ref _counter)}/{Guid.NewGuid().ToString("N")[..6]}",
            ["Form.DocumentDate"] = today,
            ["Form.BudgetYear"] = DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture),
            ["Form.ExpenseTypeCode"] = "ELEKTRIK",
            ["Form.Institutional"] = "38.10.00.30",
            ["Form.Functional"] = "01.3.9.00",
            ["Form.Financing"] = "1",
            ["Form.Economic"] = "03.2.1.01",
            ["Form.Lines[0].Account"] = "630", ["Form.Lines[0].Side"] = "B", ["Form.Lines[0].Amount"] = "1.180,00",
            ["Form.Lines[1].Account"] = "320.01", ["Form.Lines[1].Side"] = "A", ["Form.Lines[1].Amount"] = "1.180,00",
            ["Form.PayeeName"] = "Başkent Elektrik Dağıtım A.Ş.",
            ["Form.PayeeTaxId"] = "4540536920",
            ["Form.PayeeIban"] = "TR33 0006 1005 1978 6457 8413 26",
            ["Form.Gross"] = "1.180,00",
            ["Form.Description"] = "Elektrik bedeli",
        };
    }

    private static string Excerpt(string html) => html.Length > 3000 ? html[..3000] : html;
}
