using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.Identity;
using Mys.Signing.Application.Signing.Codes;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Web.Infrastructure.Authorization;
using Mys.Signing.Web.Infrastructure.Cards;
using Mys.Signing.Web.Infrastructure.Http;

namespace Mys.Signing.Web.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(
    SignInManager<MysUser> signIn, RecordCardLogin cardLogins, IConfiguration configuration, ILogger<LoginModel> logger) : PageModel
{
    public const string CardMethod = "Card";

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

    public async Task<IActionResult> OnPostAsync([FromServices] LogInWithPassword login)
    {
        ArgumentNullException.ThrowIfNull(login);
        ShowDemoAccounts();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        HttpContext.Items[AuditItems.AttemptedUserName] = LogInWithPassword.Mask(Tckn.Trim());
        var outcome = await login.RunAsync(new LoginAttempt(Tckn, Password, SessionCookie.ClientOf(HttpContext)), HttpContext.RequestAborted);
        if (outcome.Value is not { } started)
        {
            Error = outcome.Refusal!.Message;
            if (outcome.Refusal.Kind == RefusalKind.Throttled)
            {
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
            }

            return Page();
        }

        await SessionCookie.SignInAsync(signIn, started.User, started.SessionId, LogInWithPassword.Method);
        return started.User.MustChangePassword
            ? RedirectToPage("/Account/ChangePassword")
            : LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
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
            await cardLogins.RefusedAsync(outcome.Error.Code, HttpContext.RequestAborted);
            return new JsonResult(new { code = outcome.Error.Code, message = outcome.Error.Message }) { StatusCode = StatusCodes.Status400BadRequest };
        }

        var user = outcome.Value;
        HttpContext.Items[AuditItems.AttemptedUserName] = user.UserName;
        var session = await cardLogins.StartSessionAsync(user, SessionCookie.ClientOf(HttpContext), CardMethod, HttpContext.RequestAborted);
        await SessionCookie.SignInAsync(signIn, user, session.Id, CardMethod);
        logger.LogInformation("User {UserId} logged in with an e-signature card (session {SessionId})", user.Id, session.Id);
        var next = user.MustChangePassword ? "/Account/ChangePassword" : Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
        return new JsonResult(new { redirect = next });
    }

    private void ShowDemoAccounts()
    {
        if (configuration.GetValue("Mys:Demo:Seed", false))
        {
            DemoAccounts = DemoData.Accounts;
            DemoPassword = configuration["Mys:Demo:Password"];
        }
    }
}
