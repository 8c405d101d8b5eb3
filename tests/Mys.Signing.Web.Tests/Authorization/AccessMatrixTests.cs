using System.Net;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Authorization;

/// <summary>
/// Enumerates every page handler of the app and checks that every demo role, in its own and in other units, and
/// an anonymous visitor get exactly the access the table below intends. A new page fails the first test until it
/// is added to the table.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class AccessMatrixTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private static readonly Guid Su1 = DemoData.SpendingUnitId;
    private static readonly Guid Au1 = DemoData.AccountingUnitId;
    private static readonly Guid[] Units = [Su1, DemoData.SiblingSpendingUnitId, DemoData.OtherSpendingUnitId, Au1, DemoData.OtherAccountingUnitId];

    /// <summary>Who may do what. Principal null = anonymous. Unit null = the page has no unit in its route.</summary>
    private delegate bool Rule(Role? principal, Guid? unit);

    private static readonly Rule Anyone = (_, _) => true;
    private static readonly Rule LoggedIn = (p, _) => p is not null;
    private static readonly Rule UnitManagers = (p, u) =>
        p == Role.SystemAdministrator || (p == Role.IdentityAdministrator && u == Su1) || (p == Role.AccountingOfficer && u == Au1);

    private static readonly Rule SpendingUnitStaff = (p, u) => (p is Role.DataEntryOfficer or Role.RealizationOfficer or Role.SpendingAuthority) && u == Su1;
    private static readonly Rule Signers = (p, _) => p is Role.RealizationOfficer or Role.SpendingAuthority or Role.AccountingOfficer;
    private static readonly Rule SystemAdministrator = (p, _) => p == Role.SystemAdministrator;
    private static readonly Rule DataEntry = (p, u) => p == Role.DataEntryOfficer && u == Su1;
    private static readonly Rule AccountingUnitStaff = (p, u) => (p is Role.AccountingOfficer or Role.AccountingStaff) && u == Au1;

    private static readonly Dictionary<string, Rule> Expected = new(StringComparer.Ordinal)
    {
        ["/Index GET"] = LoggedIn,
        ["/Error GET"] = Anyone,
        ["/Error POST"] = Anyone,
        ["/Status GET"] = Anyone,
        ["/Status POST"] = Anyone,
        ["/Account/Login GET"] = Anyone,
        ["/Account/Login POST"] = Anyone,
        ["/Account/Login POST Challenge"] = Anyone,
        ["/Account/Login POST Card"] = Anyone,
        ["/Account/Logout GET"] = LoggedIn,
        ["/Account/Logout POST"] = LoggedIn,
        ["/Account/Profile GET"] = LoggedIn,
        ["/Account/Profile POST"] = LoggedIn,
        ["/Account/Profile POST EndSession"] = LoggedIn,
        ["/Account/ChangePassword GET"] = LoggedIn,
        ["/Account/ChangePassword POST"] = LoggedIn,
        ["/Units/Index GET"] = (p, _) => p is Role.SystemAdministrator or Role.IdentityAdministrator or Role.AccountingOfficer,
        ["/Help/Index GET"] = Anyone,
        ["/Audit/Index GET"] = (p, _) => p is Role.SystemAdministrator or Role.IdentityAdministrator,
        ["/Units/Users GET"] = UnitManagers,
        ["/Units/Users POST Revoke"] = UnitManagers,
        ["/Units/Users POST Deactivate"] = UnitManagers,
        ["/Units/Users POST ResetPassword"] = UnitManagers,
        ["/Units/AssignRole GET"] = UnitManagers,
        ["/Units/AssignRole POST"] = UnitManagers,
        ["/Units/CreateUser GET"] = UnitManagers,
        ["/Units/CreateUser POST"] = UnitManagers,
        ["/PaymentOrders/Index GET"] = SpendingUnitStaff,
        ["/PaymentOrders/Details GET"] = SpendingUnitStaff,
        ["/PaymentOrders/Sign GET"] = (p, u) => p is Role.RealizationOfficer or Role.SpendingAuthority && u == Su1,
        ["/PaymentOrders/Preview GET"] = SpendingUnitStaff,
        ["/PaymentOrders/StructuredDocumentPdf GET"] = SpendingUnitStaff,
        ["/PaymentOrders/Attachment GET"] = SpendingUnitStaff,
        ["/PaymentOrders/Details POST Upload"] = DataEntry,
        ["/PaymentOrders/Details POST Submit"] = DataEntry,
        ["/PaymentOrders/Details POST Remove"] = DataEntry,
        ["/PaymentOrders/Details POST Invoice"] = DataEntry,
        ["/PaymentOrders/Edit GET"] = DataEntry,
        ["/PaymentOrders/Edit POST"] = DataEntry,
        ["/PaymentOrders/SpendingInstruction GET"] = DataEntry,
        ["/PaymentOrders/SpendingInstruction POST"] = DataEntry,
        ["/PaymentOrders/AssetVoucher GET"] = DataEntry,
        ["/PaymentOrders/AssetVoucher POST"] = DataEntry,
        ["/PaymentOrders/NewVersion POST"] = DataEntry,
        ["/Accounting/Inbox GET"] = AccountingUnitStaff,
        ["/Accounting/Export GET"] = (p, u) => p == Role.AccountingOfficer && u == Au1,
        ["/Accounting/Export POST"] = (p, u) => p == Role.AccountingOfficer && u == Au1,
        ["/Accounting/Review GET"] = AccountingUnitStaff,
        ["/Accounting/Review GET Json"] = AccountingUnitStaff,
        ["/Accounting/Review GET Pdf"] = AccountingUnitStaff,
        ["/Accounting/Review GET Document"] = AccountingUnitStaff,
        ["/Accounting/Review GET Attachment"] = AccountingUnitStaff,
        ["/Accounting/Review POST Accept"] = AccountingUnitStaff,
        ["/Accounting/Review POST Return"] = AccountingUnitStaff,
        ["/Verify/Index GET"] = Anyone,
        ["/Verify/Index POST"] = Anyone,
        ["/Certificates/Index GET"] = LoggedIn,
        ["/Certificates/Index POST Read"] = LoggedIn,
        ["/Certificates/Readiness GET"] = Signers,
        ["/Certificates/Readiness POST Check"] = Signers,
        ["/Certificates/Dashboard GET"] = UnitManagers,
        ["/Certificates/Dashboard GET Csv"] = UnitManagers,
        ["/Admin/Catalog/Index GET"] = SystemAdministrator,
        ["/Admin/Catalog/DocumentType GET"] = SystemAdministrator,
        ["/Admin/Catalog/DocumentType POST"] = SystemAdministrator,
        ["/Admin/Catalog/ExpenseType GET"] = SystemAdministrator,
        ["/Admin/Catalog/ExpenseType POST"] = SystemAdministrator,
        ["/Admin/Jobs/Index GET"] = SystemAdministrator,
        ["/Admin/Jobs/Index POST Run"] = SystemAdministrator,
    };

    [Fact]
    public async Task Every_page_handler_has_an_access_rule_in_the_matrix()
    {
        var handlers = await DiscoverAsync();

        handlers.Select(h => h.Key).Order(StringComparer.Ordinal)
            .ShouldBe(Expected.Keys.Order(StringComparer.Ordinal), "every page handler must be listed in the matrix, and nothing else");
    }

    [Fact]
    public async Task Every_role_in_own_and_other_units_and_anonymous_get_exactly_the_intended_access()
    {
        var handlers = await DiscoverAsync();
        var principals = new List<(Role? Role, HttpClient Client)> { (null, fixture.App.Anonymous()) };
        foreach (var account in DemoData.Accounts)
        {
            principals.Add((account.Role, await fixture.App.LoginAsync(account.Tckn)));
        }

        var mismatches = new List<string>();
        foreach (var handler in handlers.Where(h => !h.Key.StartsWith("/Account/Logout POST", StringComparison.Ordinal)))
        {
            foreach (var (role, client) in principals)
            {
                foreach (var unit in handler.UnitScoped ? Units.Cast<Guid?>() : [null])
                {
                    var allowed = await TryAsync(client, handler, unit);
                    var expected = Expected[handler.Key](role, unit);
                    if (allowed != expected)
                    {
                        mismatches.Add($"{handler.Key} as {role?.ToString() ?? "anonymous"} in {unit?.ToString() ?? "-"}: expected {(expected ? "allowed" : "denied")}");
                    }
                }
            }
        }

        mismatches.ShouldBeEmpty();
    }

    private static async Task<bool> TryAsync(HttpClient client, Handler handler, Guid? unit)
    {
        var url = handler.Url(unit);
        HttpResponseMessage response;
        if (handler.Method == "GET")
        {
            response = await client.GetAsync(url);
        }
        else
        {
            var fields = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Login"),
            };

            using var form = new FormUrlEncodedContent(fields);
            response = await client.PostAsync(url, form);
        }

        response.StatusCode.ShouldNotBe(HttpStatusCode.InternalServerError, $"{handler.Key} answered 500");
        var toLogin = response.StatusCode == HttpStatusCode.Redirect
                      && response.Headers.Location?.OriginalString.Contains("/Account/Login", StringComparison.Ordinal) == true
                      && handler.Key != "/Account/Login POST";
        return response.StatusCode != HttpStatusCode.Forbidden && !toLogin;
    }

    private async Task<List<Handler>> DiscoverAsync()
    {
        var provider = fixture.App.Services.GetRequiredService<IActionDescriptorCollectionProvider>();
        var loader = fixture.App.Services.GetRequiredService<PageLoader>();
        var handlers = new List<Handler>();
        foreach (var page in provider.ActionDescriptors.Items.OfType<PageActionDescriptor>())
        {
            var compiled = await loader.LoadAsync(page, Microsoft.AspNetCore.Http.EndpointMetadataCollection.Empty);
            var template = page.AttributeRouteInfo?.Template ?? page.ViewEnginePath.TrimStart('/');
            foreach (var method in compiled.HandlerMethods)
            {
                var key = $"{page.ViewEnginePath} {method.HttpMethod.ToUpperInvariant()}{(method.Name is null ? string.Empty : " " + method.Name)}";
                if (handlers.All(h => h.Key != key))
                {
                    handlers.Add(new Handler(key, template, method.HttpMethod.ToUpperInvariant(), method.Name));
                }
            }
        }

        return handlers;
    }

    private sealed record Handler(string Key, string Template, string Method, string? Name)
    {
        public bool UnitScoped => Template.Contains("{unitId", StringComparison.Ordinal);

        public string Url(Guid? unit)
        {
            var path = "/" + Template.Replace("{unitId:guid}", unit?.ToString() ?? string.Empty, StringComparison.Ordinal)
                .Replace("{code:int}", "404", StringComparison.Ordinal)
                .Replace("{topic?}", "pin-kilidi", StringComparison.Ordinal)
                .Replace("{code?}", string.Empty, StringComparison.Ordinal)
                .Replace("{id:guid?}", string.Empty, StringComparison.Ordinal)
                .Replace("{id:guid}", "00000000-0000-4000-8000-00000000dead", StringComparison.Ordinal)
                .Replace("{documentId:guid}", "00000000-0000-4000-8000-00000000beef", StringComparison.Ordinal)
                .Replace("{attachmentId:guid}", "00000000-0000-4000-8000-00000000f11e", StringComparison.Ordinal);
            if (path.EndsWith("/Index", StringComparison.Ordinal))
            {
                path = path[..^"/Index".Length];
            }

            return Name is null ? path : $"{path}?handler={Name}";
        }
    }
}
