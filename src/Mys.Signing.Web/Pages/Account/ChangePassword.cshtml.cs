using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Identity;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Account;

/// <summary>Any user changes their password; a user holding a one-time password is sent here and can go nowhere else until done.</summary>
[AuthenticatedOnly]
[AllowedBeforePasswordChange]
public sealed class ChangePasswordModel(CurrentUser current, ChangeOwnPassword change) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Mevcut parola zorunludur.")]
    [DataType(DataType.Password)]
    public string CurrentPassword { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Yeni parola zorunludur.")]
    [DataType(DataType.Password)]
    public string NewPassword { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Yeni parolanın tekrarı zorunludur.")]
    [DataType(DataType.Password)]
    public string Confirmation { get; set; } = string.Empty;

    public bool Forced => current.MustChangePassword;

    public int MinLength => PasswordPolicy.MinLength;

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var refusal = await change.RunAsync(current.AsActor(), new PasswordChange(CurrentPassword, NewPassword, Confirmation), current.SessionId, HttpContext.RequestAborted);
        if (refusal is not null)
        {
            Error = refusal.Message;
            return Page();
        }

        TempData["Message"] = "Parolanız değiştirildi. Diğer cihazlardaki oturumlarınız sonlandırıldı.";
        return RedirectToPage("/Account/Profile");
    }
}
