using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.Identity;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Units;

/// <summary>The people holding roles in a unit; revoking a role, deactivating an account, resetting a password.</summary>
[RequireRole(Role.SystemAdministrator, Role.IdentityAdministrator, Role.AccountingOfficer)]
public sealed class UsersModel(ListUnitMembers members, CurrentUser current) : PageModel
{

    [FromRoute]
    public Guid UnitId { get; set; }

    public UnitView Unit { get; private set; } = null!;

    public IReadOnlyList<UnitMember> Rows { get; private set; } = [];

    public bool CanAssign { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    /// <summary>Set only in the response to a reset: the new one-time password, shown once.</summary>
    public OneTimePassword? OneTimePassword { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : new StatusCodeResult(StatusCodes.Status403Forbidden);

    public async Task<IActionResult> OnPostRevokeAsync([FromServices] RevokeRole revokeRole, Guid assignmentId, string? reason)
    {
        ArgumentNullException.ThrowIfNull(revokeRole);
        var outcome = await revokeRole.RunAsync(current.AsActor(), UnitId, assignmentId, reason, HttpContext.RequestAborted);
        if (outcome.Value is not { } assignment)
        {
            return await RefusedAsync(outcome.Refusal!);
        }

        Message = $"{assignment.Role.TurkishName()} rolü kaldırıldı.";
        return RedirectToPage(new { UnitId });
    }

    public async Task<IActionResult> OnPostDeactivateAsync([FromServices] DeactivateUser deactivate, Guid userId, string? reason)
    {
        ArgumentNullException.ThrowIfNull(deactivate);
        var outcome = await deactivate.RunAsync(current.AsActor(), UnitId, userId, reason, HttpContext.RequestAborted);
        if (outcome.Value is not { } user)
        {
            return await RefusedAsync(outcome.Refusal!);
        }

        Message = $"{user.FullName} pasif duruma getirildi; açık oturumları sonlandırıldı.";
        return RedirectToPage(new { UnitId });
    }

    /// <summary>A new one-time password, shown in this response only; the person's sessions end and they must change it at login.</summary>
    public async Task<IActionResult> OnPostResetPasswordAsync([FromServices] ResetPassword reset, Guid userId)
    {
        ArgumentNullException.ThrowIfNull(reset);
        var outcome = await reset.RunAsync(current.AsActor(), UnitId, userId, HttpContext.RequestAborted);
        if (outcome.Value is not { } password)
        {
            return await RefusedAsync(outcome.Refusal!);
        }

        Response.Headers.CacheControl = "no-store";
        OneTimePassword = password;
        await LoadAsync();
        return Page();
    }

    private async Task<IActionResult> RefusedAsync(Refusal refusal)
    {
        if (refusal.Kind == RefusalKind.NotFound)
        {
            return NotFound();
        }

        Error = refusal.Message;
        await LoadAsync();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var listed = await members.RunAsync(current.AsActor(), UnitId, HttpContext.RequestAborted);
        if (listed.Value is not { } value)
        {
            return false;
        }

        (Unit, Rows, CanAssign) = (value.Unit, value.Members, value.CanAssign);
        return true;
    }
}
