using Microsoft.Playwright;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Browser;

/// <summary>The sign page's diagnosis when the agent cannot be used: running but refusing this site, or not there at all.</summary>
public sealed partial class CardFailureBrowserTests
{
    [Fact]
    public async Task An_agent_that_runs_but_refuses_this_site_is_told_apart_from_no_agent()
    {
        var (id, _) = await new SignedPaymentOrderSeeder(fixture.App).SeedAwaitingRealizationAsync();
        var (context, page, _) = await fixture.LoginAsync(Role.RealizationOfficer);
        await using (context)
        {
            var agentUrls = fixture.BridgeAddress.ToString().TrimEnd('/') + "/**";
            // The agent answers as when its AllowedOrigins does not list this site: a refusal without the CORS permission,
            // so the browser hides the answer from the page (only an opaque no-cors request sees that something answered).
            await page.RouteAsync(agentUrls, route => route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 403, ContentType = "application/json", Body = "{\"code\":\"AGENT_ORIGIN_REFUSED\"}",
            }));
            await page.GotoAsync($"/Units/{Unit}/PaymentOrders/Sign?id={id}");
            await WaitForStateAsync(page, "agent-refuses-origin");
            (await page.Locator("#message").GetAttributeAsync("data-code")).ShouldBe("AGENT_ORIGIN_REFUSED");
            var refused = await page.Locator("#message").InnerTextAsync();
            refused.ShouldContain("İmza Ajanı çalışıyor ancak bu siteye");
            refused.ShouldContain("AllowedOrigins");
            refused.ShouldContain("yeniden kurmanız gerekmez");
            (await page.Locator("#agent-missing").IsVisibleAsync()).ShouldBeFalse("installing the agent again would not help");
            await SigningFixture.ScreenshotAsync(page, "signing-agent-refuses-origin.png");

            // Nothing answers on the agent's port: not running or not installed, with the installation steps.
            await page.UnrouteAsync(agentUrls);
            await page.RouteAsync(agentUrls, route => route.AbortAsync("connectionrefused"));
            await page.ClickAsync("#retry");
            await WaitForStateAsync(page, "agent-missing");
            (await page.Locator("#message").GetAttributeAsync("data-code")).ShouldBe("AGENT_UNREACHABLE");
            (await page.Locator("#agent-missing").IsVisibleAsync()).ShouldBeTrue();
            (await page.Locator("#agent-status").InnerTextAsync()).ShouldContain("çalışmıyor ya da kurulu değil");
            await SigningFixture.ScreenshotAsync(page, "signing-agent-missing.png");
        }
    }
}
