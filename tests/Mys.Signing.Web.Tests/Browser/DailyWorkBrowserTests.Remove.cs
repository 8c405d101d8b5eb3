using Microsoft.Playwright;
using Mys.Signing.Domain.Access;

namespace Mys.Signing.Web.Tests.Browser;

/// <summary>"Çıkar" asks before an attachment leaves the draft.</summary>
public sealed partial class DailyWorkBrowserTests
{
    [Fact]
    public async Task Removing_an_attachment_asks_first_and_only_the_confirmed_form_removes_it()
    {
        var (context, page) = await LoginAsync(Role.DataEntryOfficer);
        await using (context)
        {
            await page.ClickAsync("text=Ödeme Emirleri");
            await page.ClickAsync("text=DEMO/0002");
            var remove = page.Locator("details.remove-attachment").First;
            var attachment = await remove.GetAttributeAsync("data-attachment");
            var before = await page.Locator("details.remove-attachment").CountAsync();
            before.ShouldBeGreaterThan(0);

            // The first click only opens the question; nothing is sent.
            await remove.Locator("summary").ClickAsync();
            (await remove.Locator("form").IsVisibleAsync()).ShouldBeTrue();
            (await remove.InnerTextAsync()).ShouldContain("bu ÖEB'den çıkarılacak");
            await Screenshot(page, "remove-attachment-confirm");

            // Without the box ticked the browser keeps the form (the server would refuse it too, 422).
            await remove.Locator("button[type=submit]").ClickAsync();
            (await page.Locator($"details.remove-attachment[data-attachment='{attachment}']").CountAsync()).ShouldBe(1);
            (await remove.Locator("input[name=confirm]").EvaluateAsync<bool>("e => e.validity.valueMissing")).ShouldBeTrue();

            await remove.Locator("input[name=confirm]").CheckAsync();
            await remove.Locator("button[type=submit]").ClickAsync();
            await page.GetByText("Belge ÖEB'den çıkarıldı.").WaitForAsync();
            (await page.Locator($"details.remove-attachment[data-attachment='{attachment}']").CountAsync()).ShouldBe(0);
            (await page.Locator("details.remove-attachment").CountAsync()).ShouldBe(before - 1);
            await Screenshot(page, "remove-attachment-done");

            // The "imzalıdır" box sits beside its label.
            var box = await page.Locator("label.check:has(input[name=carriesSignatures])").BoundingBoxAsync();
            box.ShouldNotBeNull().Height.ShouldBeLessThan(40, "box and words on one line");
        }
    }
}
