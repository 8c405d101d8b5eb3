using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mys.Signing.Web.Pages.Help;

/// <summary>Help pages, open without login: someone whose card does not work may not be able to log in.</summary>
[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    [FromRoute]
    public string? Topic { get; set; }

    public HelpTopic? Current { get; private set; }

    public bool ShowErrors { get; private set; }

    public IActionResult OnGet()
    {
        if (Topic is null)
        {
            return Page();
        }

        ShowErrors = Topic == HelpContent.ErrorsSlug;
        Current = HelpContent.Find(Topic);
        return ShowErrors || Current is not null ? Page() : NotFound();
    }
}
