using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Account;

[AuthenticatedOnly]
public sealed class LogoutModel(SignInManager<MysUser> signIn, MysDbContext db, CurrentUser current) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        db.RecordEvent("LoggedOut", "Login", current.Id.ToString("D"));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
