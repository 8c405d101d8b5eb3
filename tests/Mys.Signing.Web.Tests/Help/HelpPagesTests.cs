extern alias bridge;

using System.Net;
using System.Reflection;
using bridge::Mys.Signing.Bridge;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Pages.Help;
using Mys.Signing.Web.Tests.TestSuite;

namespace Mys.Signing.Web.Tests.Help;

[Collection(SharedDemoAppCollection.Name)]
public sealed class HelpPagesTests(WebAppFixture fixture)
{
    [Fact]
    public void Every_error_code_the_agent_can_return_has_a_help_entry()
    {
        var codes = typeof(BridgeErrors).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(BridgeError))
            .Select(m => (BridgeError)m.Invoke(null, m.GetParameters().Select(p => p.ParameterType == typeof(string) ? "x" : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null).ToArray())!)
            .Select(e => e.Code)
            .Distinct()
            .ToList();

        codes.Count.ShouldBeGreaterThan(10);
        codes.ShouldAllBe(code => HelpContent.Errors.Any(e => e.Code == code));
    }

    [Theory]
    [InlineData("/Yardim", "Konular")]
    [InlineData("/Yardim/ajan-kurulumu", "İmza ajanını kurma")]
    [InlineData("/Yardim/ilk-imza", "İlk imzanızı atma")]
    [InlineData("/Yardim/sertifika-yenileme", "e-onay")]
    [InlineData("/Yardim/pin-kilidi", "Kilit Çözme")]
    [InlineData("/Yardim/hatalar", "id=\"AGENT_PIN_LOCKED\"")]
    public async Task Help_pages_open_without_login_in_turkish(string url, string text)
    {
        var response = await fixture.App.Anonymous().GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain(text);
    }

    [Fact]
    public async Task The_footer_names_the_apache_licence()
    {
        var page = await fixture.App.Anonymous().GetStringAsync("/Yardim");

        page.ShouldContain("Mys.Signing · Apache-2.0</footer>");
        page.ShouldNotContain("AGPL");
    }

    [Fact]
    public async Task An_unknown_topic_is_not_found()
    {
        (await fixture.App.Anonymous().GetAsync("/Yardim/olmayan-konu")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public void Error_links_point_at_the_errors_page_anchor()
    {
        HelpContent.LinkFor("AGENT_PIN_INCORRECT").ShouldBe("/Yardim/hatalar#AGENT_PIN_INCORRECT");
    }
}
