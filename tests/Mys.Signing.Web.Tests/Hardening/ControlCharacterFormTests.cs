using System.Net;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Infrastructure.Http;
using Mys.Signing.Web.Tests.TestSuite;
using static Mys.Signing.Web.Tests.Hardening.HostileClient;

namespace Mys.Signing.Web.Tests.Hardening;

/// <summary>
/// A NUL or another control character in any form field (typed by no keyboard: pasted, or sent by a script) is answered
/// with the Turkish refusal (422, the form's page is not run) before anything reads the form for the page: not the
/// framework's bare 400, and nothing is saved. Line breaks and tabs are ordinary text.
/// </summary>
[Collection(SharedEntryAppCollection.Name)]
public sealed class ControlCharacterFormTests(WebAppFixture fixture)
{
    [Theory]
    [InlineData("Form.PayeeName", "Başkent\0Elektrik")]
    [InlineData("Form.Description", "Elektrik\u0001bedeli")]
    [InlineData("Form.Number", "\u001B[2J")]
    public async Task A_control_character_in_an_order_form_field_is_refused_in_turkish_and_nothing_is_saved(string field, string value)
    {
        var client = await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));
        var number = NextNumber();
        var fields = OrderFields(number);
        fields[field] = field == "Form.Number" ? number + value : value;

        var response = await PostOrderAsync(client, fields);

        var text = await TextAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, text[..Math.Min(2000, text.Length)]);
        text.ShouldContain(FormControlCharacters.Message);
        (await OrdersNumberedAsync(number)).ShouldBe(0);
    }

    [Fact]
    public async Task Editing_a_stored_order_with_a_NUL_is_refused_and_the_order_is_unchanged()
    {
        var client = await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));
        var id = await CreateOrderAsync(client);
        var number = await fixture.Database.ScalarAsync<string>($"SELECT \"Number\" FROM \"PaymentOrders\" WHERE \"Id\" = '{id}'");
        var fields = OrderFields(number!);
        fields["Form.PayeeBank"] = "Ziraat\0Bankası";

        var response = await MysAppFactory.PostFormAsync(client, $"/Units/{Unit}/PaymentOrders/Edit/{id}", fields);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await TextAsync(response)).ShouldContain(FormControlCharacters.Message);
        (await fixture.Database.ScalarAsync<string>($"SELECT \"Payee_BankName\" FROM \"PaymentOrders\" WHERE \"Id\" = '{id}'")).ShouldBe("Ziraat Bankası");
    }

    [Theory]
    [InlineData("Tckn", "1234567890\0")]
    [InlineData("Password", "Test.Parola\u00002026")]
    public async Task A_control_character_in_the_login_form_is_refused_in_turkish_and_logs_no_one_in(string field, string value)
    {
        var client = fixture.App.Anonymous();
        var fields = new Dictionary<string, string> { ["Tckn"] = Tckn(Role.DataEntryOfficer), ["Password"] = MysAppFactory.DemoPassword };
        fields[field] = value;

        var response = await MysAppFactory.PostFormAsync(client, "/Account/Login", fields, "/Account/Login");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await TextAsync(response)).ShouldContain(FormControlCharacters.Message);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
        (await client.GetAsync("/Account/Profile")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "still anonymous");
    }

    [Fact]
    public async Task Line_breaks_and_tabs_in_a_description_are_text_not_control_characters()
    {
        var client = await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));
        var number = NextNumber();
        var fields = OrderFields(number);
        fields["Form.Description"] = "Elektrik bedeli\r\nKasım\tdönemi";

        var response = await PostOrderAsync(client, fields);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await OrdersNumberedAsync(number)).ShouldBe(1);
    }

    private Task<long> OrdersNumberedAsync(string number) =>
        fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"PaymentOrders\" WHERE starts_with(\"Number\", '{number.Replace("'", "''", StringComparison.Ordinal)}')");
}
