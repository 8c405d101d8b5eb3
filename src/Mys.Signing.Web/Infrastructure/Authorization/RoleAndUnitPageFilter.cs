using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Web.Infrastructure.Authorization;

/// <summary>
/// Enforces <see cref="RequireRoleAttribute"/> on every page handler: role <b>and</b> unit. Fails closed: a page
/// with no rule is refused. Unknown units give 404, a role not held in the unit 403; both are logged with the reason.
/// </summary>
public sealed class RoleAndUnitPageFilter(CurrentUser current, MysDbContext db, ILogger<RoleAndUnitPageFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var pageType = context.ActionDescriptor.HandlerTypeInfo;
        if (pageType.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
        {
            await next();
            return;
        }

        var ct = context.HttpContext.RequestAborted;
        await current.LoadAsync(ct);
        if (current.MustChangePassword && pageType.GetCustomAttribute<AllowedBeforePasswordChangeAttribute>() is null)
        {
            logger.LogInformation("Redirected {Page} for user {UserId}: the one-time password must be changed first", context.ActionDescriptor.RelativePath, current.Id);
            context.Result = new RedirectToPageResult("/Account/ChangePassword");
            return;
        }

        if (!current.IsAuthenticated && !(current.MustChangePassword && pageType.GetCustomAttribute<AllowedBeforePasswordChangeAttribute>() is not null))
        {
            logger.LogWarning("Refused {Page}: no active user (account missing or deactivated)", context.ActionDescriptor.RelativePath);
            context.Result = new ChallengeResult();
            return;
        }

        var rule = context.HandlerMethod?.MethodInfo.GetCustomAttribute<RequireRoleAttribute>()
                   ?? pageType.GetCustomAttribute<RequireRoleAttribute>();
        if (rule is null)
        {
            if (pageType.GetCustomAttribute<AuthenticatedOnlyAttribute>() is not null)
            {
                await next();
                return;
            }

            logger.LogError("Refused {Page}: the page declares no access rule", context.ActionDescriptor.RelativePath);
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        var decision = await DecideAsync(rule, context, ct);
        if (decision is not null)
        {
            context.Result = decision;
            return;
        }

        await next();
    }

    private async Task<IActionResult?> DecideAsync(RequireRoleAttribute rule, PageHandlerExecutingContext context, CancellationToken ct)
    {
        var page = context.ActionDescriptor.RelativePath;
        if (rule.Scope == UnitScope.AnyUnit)
        {
            var role = rule.Roles.FirstOrDefault(current.HoldsAnywhere);
            if (role == default)
            {
                logger.LogWarning("Refused {Page} for user {UserId}: holds none of {Roles}", page, current.Id, rule.Roles);
                return new StatusCodeResult(StatusCodes.Status403Forbidden);
            }

            current.ActAs(role, null);
            return null;
        }

        if (!Guid.TryParse(context.RouteData.Values["unitId"]?.ToString(), out var unitId)
            || !await db.SpendingUnits.Where(u => u.Id == unitId).Select(u => u.Id)
                .Concat(db.AccountingUnits.Where(u => u.Id == unitId).Select(u => u.Id)).AnyAsync(ct))
        {
            logger.LogWarning("Refused {Page} for user {UserId}: unknown unit {UnitId}", page, current.Id, context.RouteData.Values["unitId"]);
            return new NotFoundResult();
        }

        foreach (var role in rule.Roles)
        {
            if (role == Role.SystemAdministrator ? current.HoldsAnywhere(role) : current.Holds(role, unitId))
            {
                current.ActAs(role, unitId);
                return null;
            }
        }

        logger.LogWarning("Refused {Page} for user {UserId}: holds none of {Roles} in unit {UnitId}", page, current.Id, rule.Roles, unitId);
        return new StatusCodeResult(StatusCodes.Status403Forbidden);
    }
}
