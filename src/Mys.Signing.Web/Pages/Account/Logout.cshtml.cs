using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Identity;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Account;

/// <summary>Ends the session on the server (the cookie stops working everywhere), then drops the cookie.</summary>
[AuthenticatedOnly]
[AllowedBeforePasswordChange]
public sealed class LogoutModel(SignInManager<MysUser> signIn, LogOut logOut, CurrentUser current) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await logOut.RunAsync(current.AsActor(), current.SessionId, HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
