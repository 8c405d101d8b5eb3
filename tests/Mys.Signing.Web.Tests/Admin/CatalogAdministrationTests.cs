using System.Net;
using System.Text.RegularExpressions;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.Infrastructure.Catalog;

namespace Mys.Signing.Web.Tests.Admin;

/// <summary>A system administrator edits the document-type catalogue and the expense types; drafts follow at once.</summary>
public sealed partial class CatalogAdministrationTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private static string AdminTckn => DemoData.Accounts.Single(a => a.Role == Role.SystemAdministrator).Tckn;

    private static string DataEntryTckn => DemoData.Accounts.Single(a => a.Role == Role.DataEntryOfficer).Tckn;

    [Fact]
    public async Task A_new_requirement_on_an_expense_type_shows_on_a_drafts_checklist_and_the_change_is_audited()
    {
        var admin = await fixture.App.LoginAsync(AdminTckn);
        var orderId = await fixture.Database.ScalarAsync<Guid>($"SELECT \"Id\" FROM \"PaymentOrders\" WHERE \"Status\" = 1 AND \"SpendingUnitId\" = '{DemoData.SpendingUnitId}' LIMIT 1");
        var expense = (await fixture.Database.ScalarAsync<string>($"SELECT \"ExpenseTypeCode\" FROM \"PaymentOrders\" WHERE \"Id\" = '{orderId}'"))!;
        var page = await admin.GetStringAsync($"/Admin/Catalog/ExpenseTypes/{expense}");
        var fields = CurrentFields(page);
        var spare = fields.Count(f => f.Key.EndsWith(".Key", StringComparison.Ordinal) && f.Value.Length == 0);
        spare.ShouldBe(2);
        var index = fields.First(f => f.Key.EndsWith(".Key", StringComparison.Ordinal) && f.Value.Length == 0).Key.Split(']')[0].Split('[')[1];
        fields.RemoveAll(f => f.Key.StartsWith($"Requirements[{index}]", StringComparison.Ordinal));
        fields.Add(new($"Requirements[{index}].Key", "EK_DEKONT"));
        fields.Add(new($"Requirements[{index}].Name", "Ödeme dekontu (test gerekliliği)"));
        fields.Add(new($"Requirements[{index}].Codes", "DEKONT"));

        var response = await PostAsync(admin, $"/Admin/Catalog/ExpenseTypes/{expense}", fields);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, Alert(await response.Content.ReadAsStringAsync()));
        WebUtility.HtmlDecode(await admin.GetStringAsync("/Admin/Catalog")).ShouldContain("Ödeme dekontu (test gerekliliği)");
        var clerk = await fixture.App.LoginAsync(DataEntryTckn);
        WebUtility.HtmlDecode(await clerk.GetStringAsync($"/Units/{DemoData.SpendingUnitId}/PaymentOrders/{orderId}")).ShouldContain("✗ Ödeme dekontu (test gerekliliği)");
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'CatalogExpenseTypeChanged' AND \"EntityId\" = '{expense}'")).ShouldBe(1);
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"AuditEntries\" WHERE \"EntityType\" = 'ExpenseTypeRow' AND \"EntityId\" LIKE '%{expense}%'")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task An_unknown_document_type_code_is_refused_with_a_Turkish_message_and_nothing_changes()
    {
        var admin = await fixture.App.LoginAsync(AdminTckn);
        var page = await admin.GetStringAsync("/Admin/Catalog/ExpenseTypes/SU");
        var before = await fixture.Database.ScalarAsync<string>("SELECT \"RequiredDocuments\"::text FROM \"ExpenseTypes\" WHERE \"Code\" = 'SU'");
        var fields = CurrentFields(page);
        fields.RemoveAll(f => f.Key == "Requirements[0].Codes");
        fields.Add(new("Requirements[0].Codes", "YOK_BOYLE_BIR_TUR"));

        var html = WebUtility.HtmlDecode(await (await PostAsync(admin, "/Admin/Catalog/ExpenseTypes/SU", fields)).Content.ReadAsStringAsync());

        html.ShouldContain("Zorunlu belge satırı 1: bilinmeyen belge türü: YOK_BOYLE_BIR_TUR.");
        (await fixture.Database.ScalarAsync<string>("SELECT \"RequiredDocuments\"::text FROM \"ExpenseTypes\" WHERE \"Code\" = 'SU'")).ShouldBe(before);
    }

    [Fact]
    public async Task An_expense_type_form_read_before_someone_else_saved_is_refused_and_their_change_stays()
    {
        // An expense type no ÖEB uses, so the other tests' drafts and audit counts stay as they expect.
        var code = await fixture.Database.ScalarAsync<string>(
            "SELECT \"Code\" FROM \"ExpenseTypes\" e WHERE NOT EXISTS (SELECT 1 FROM \"PaymentOrders\" p WHERE p.\"ExpenseTypeCode\" = e.\"Code\") ORDER BY \"Code\" LIMIT 1");
        var url = $"/Admin/Catalog/ExpenseTypes/{code}";
        var admin = await fixture.App.LoginAsync(AdminTckn);
        var fields = CurrentFields(await admin.GetStringAsync(url));
        var name = fields.Single(f => f.Key == "Name").Value;

        var first = await PostAsync(admin, url, Renamed(fields, name + " (ilk)"));
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect, Alert(await first.Content.ReadAsStringAsync()));

        var stale = await PostAsync(admin, url, Renamed(fields, name + " (eski form)"));
        stale.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        Alert(await stale.Content.ReadAsStringAsync())
            .ShouldBe("Bu ödeme türü siz düzenlerken başka biri tarafından değiştirildi. Sayfayı yenileyip yeniden deneyin.");
        (await fixture.Database.ScalarAsync<string>($"SELECT \"Name\" FROM \"ExpenseTypes\" WHERE \"Code\" = '{code}'")).ShouldBe(name + " (ilk)");
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'CatalogExpenseTypeChanged' AND \"EntityId\" = '{code}'")).ShouldBe(1);
    }

    [Fact]
    public async Task A_document_type_is_renamed_and_its_sources_changed_and_a_structured_scan_is_refused()
    {
        var admin = await fixture.App.LoginAsync(AdminTckn);
        var page = await admin.GetStringAsync("/Admin/Catalog/DocumentTypes/DEKONT");
        var version = FormVersionPattern().Match(page).Groups[1].Value;

        var bad = await PostAsync(admin, "/Admin/Catalog/DocumentTypes/DEKONT", [new("FormVersion", version), new("Name", "Dekont"), new("IsStructured", "true"), new("Sources", "Scan")]);
        WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()).ShouldContain("dosya olarak yüklenemez");

        var good = await PostAsync(admin, "/Admin/Catalog/DocumentTypes/DEKONT",
            [new("FormVersion", version), new("Name", "Banka Dekontu (e-dekont)"), new("Sources", "Integration"), new("Sources", "ElectronicallyProduced"), new("MustBeSignedBeforeAttaching", "true")]);
        good.StatusCode.ShouldBe(HttpStatusCode.Redirect, Alert(await good.Content.ReadAsStringAsync()));
        (await fixture.Database.ScalarAsync<string>("SELECT \"Name\" FROM \"DocumentTypes\" WHERE \"Code\" = 'DEKONT'")).ShouldBe("Banka Dekontu (e-dekont)");
        (await fixture.Database.ScalarAsync<string>("SELECT array_to_string(\"AllowedSources\", ',') FROM \"DocumentTypes\" WHERE \"Code\" = 'DEKONT'")).ShouldBe("3,4");
        (await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'CatalogDocumentTypeChanged' AND \"EntityId\" = 'DEKONT'")).ShouldBe(1);

        var stale = await PostAsync(admin, "/Admin/Catalog/DocumentTypes/DEKONT", [new("FormVersion", version), new("Name", "Eski form"), new("Sources", "Scan")]);
        WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()).ShouldContain("başka biri tarafından değiştirildi");
    }

    [Fact]
    public async Task A_data_entry_officer_cannot_edit_the_catalogue()
    {
        var clerk = await fixture.App.LoginAsync(DataEntryTckn);

        (await PostAsync(clerk, "/Admin/Catalog/DocumentTypes/DEKONT", [new("Name", "X"), new("Sources", "Scan")])).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static string Alert(string html) => WebUtility.HtmlDecode(Regex.Match(html, "role=\"alert\">([^<]*)<", RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value);

    /// <summary>The form's current values (text inputs, checked checkboxes, hidden fields), as a browser would post them.</summary>
    private static List<KeyValuePair<string, string>> CurrentFields(string html)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match m in InputPattern().Matches(html))
        {
            var tag = m.Value;
            var name = AttributePattern("name").Match(tag).Groups[1].Value;
            if (name.Length == 0 || name == "__RequestVerificationToken")
            {
                continue;
            }

            var value = WebUtility.HtmlDecode(AttributePattern("value").Match(tag).Groups[1].Value);
            if (tag.Contains("type=\"checkbox\"", StringComparison.Ordinal) && !tag.Contains("checked", StringComparison.Ordinal))
            {
                continue;
            }

            fields.Add(new(name, value));
        }

        return fields;
    }

    private static List<KeyValuePair<string, string>> Renamed(List<KeyValuePair<string, string>> fields, string name) =>
        [.. fields.Where(f => f.Key != "Name"), new("Name", name)];

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, List<KeyValuePair<string, string>> fields)
    {
        fields.Add(new("__RequestVerificationToken", await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Profile")));
        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync(url, form);
    }

    private static Regex AttributePattern(string name) => new($"\\b{name}=\"([^\"]*)\"", RegexOptions.None, TimeSpan.FromSeconds(1));

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputPattern();

    [GeneratedRegex("name=\"FormVersion\" value=\"([0-9]+)\"")]
    private static partial Regex FormVersionPattern();
}
