using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Signing.Codes;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Cards;
using Mys.Signing.Web.Infrastructure.Http;

namespace Mys.Signing.Web.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(
    SignInManager<MysUser> signIn, MysDbContext db, IConfiguration configuration, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "T.C. kimlik numarası zorunludur.")]
    [Display(Name = "T.C. Kimlik No")]
    public string Tckn { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Parola zorunludur.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyList<DemoAccount> DemoAccounts { get; private set; } = [];

    public string? DemoPassword { get; private set; }

    public void OnGet() => ShowDemoAccounts();

    public async Task<IActionResult> OnPostAsync()
    {
        ShowDemoAccounts();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var tckn = Tckn.Trim();
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == tckn, HttpContext.RequestAborted);
        if (user is null || !user.IsActive)
        {
            logger.LogWarning("Login refused for {Tckn}: {Reason}", Mask(tckn), user is null ? "unknown user" : "deactivated");
            await RecordAsync("LoginRefused", tckn, user?.Id);
            Error = "T.C. kimlik numarası veya parola hatalı, ya da hesap pasif.";
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} logged in", user.Id);
            HttpContext.Items[AuditItems.AttemptedUserName] = user.UserName;
            await RecordAsync("LoggedIn", tckn, user.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Login refused for user {UserId}: locked out", user.Id);
            await RecordAsync("LoginLockedOut", tckn, user.Id);
            Error = "Çok sayıda hatalı deneme nedeniyle hesabınız geçici olarak kilitlendi. 15 dakika sonra tekrar deneyin.";
            return Page();
        }

        logger.LogWarning("Login refused for user {UserId}: wrong password", user.Id);
        await RecordAsync("LoginFailed", tckn, user.Id);
        Error = "T.C. kimlik numarası veya parola hatalı, ya da hesap pasif.";
        return Page();
    }

    /// <summary>E-signature login, step 1: a fresh nonce for this origin and the digest the card must sign.</summary>
    public async Task<IActionResult> OnPostChallengeAsync([FromServices] LoginChallengeStore challenges)
    {
        ArgumentNullException.ThrowIfNull(challenges);
        var origin = CardTrust.OriginOf(Request);
        var (challenge, nonce) = await challenges.IssueAsync(origin, HttpContext.RequestAborted);
        return new JsonResult(new
        {
            nonce,
            origin,
            digestAlgorithm = "SHA-256",
            digest = Convert.ToBase64String(LoginChallengeStore.ChallengeDigest(origin, nonce)),
            expiresAt = challenge.ExpiresAt,
        });
    }

    /// <summary>E-signature login, step 2: the card's signature over the challenge, and its certificate.</summary>
    public async Task<IActionResult> OnPostCardAsync([FromServices] CardLoginService cards, [FromForm] string? nonce, [FromForm] string? certificate, [FromForm] string? signature)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var origin = CardTrust.OriginOf(Request);
        var sentOrigin = Request.Headers.Origin.ToString();
        using var card = CardTrust.ParseCertificate(certificate);
        var outcome = sentOrigin.Length > 0 && !string.Equals(sentOrigin, origin, StringComparison.Ordinal)
            ? Result<MysUser>.Failure("ORIGIN_MISMATCH", "İstek başka bir siteden geldi; giriş reddedildi.")
            : await cards.VerifyAsync(nonce, origin, card, CardTrust.FromBase64(signature), HttpContext.RequestAborted);
        if (!outcome.IsSuccess)
        {
            logger.LogWarning("E-signature login refused: {Reason}", outcome.Error!.Code);
            HttpContext.Items[AuditItems.AttemptedUserName] = "e-imza";
            db.RecordEvent("CardLoginRefused", "Login", "e-imza", "{\"reason\":\"" + outcome.Error.Code + "\"}");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            return new JsonResult(new { code = outcome.Error.Code, message = outcome.Error.Message }) { StatusCode = StatusCodes.Status400BadRequest };
        }

        var user = outcome.Value;
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "e-imza");
        logger.LogInformation("User {UserId} logged in with an e-signature card", user.Id);
        HttpContext.Items[AuditItems.AttemptedUserName] = user.UserName;
        db.RecordEvent("LoggedInWithCard", "Login", user.Id.ToString("D"));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return new JsonResult(new { redirect = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" });
    }

    private async Task RecordAsync(string action, string tckn, Guid? userId)
    {
        HttpContext.Items[AuditItems.AttemptedUserName] ??= Mask(tckn);
        db.RecordEvent(action, "Login", userId?.ToString("D") ?? Mask(tckn));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
    }

    /// <summary>Unknown TCKNs are logged half-masked: enough to trace, not a list of who tried.</summary>
    private static string Mask(string tckn) => tckn.Length > 4 ? string.Concat(tckn.AsSpan(0, 3), new string('*', tckn.Length - 5), tckn.AsSpan(tckn.Length - 2)) : "***";

    private void ShowDemoAccounts()
    {
        if (configuration.GetValue("Mys:Demo:Seed", false))
        {
            DemoAccounts = DemoData.Accounts;
            DemoPassword = configuration["Mys:Demo:Password"];
        }
    }
}
