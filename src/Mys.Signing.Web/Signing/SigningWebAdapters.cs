using System.Security.Claims;
using Mys.Signing.Application.Access;
using Mys.Signing.Application.Signing;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Web.Signing;

/// <summary>
/// The audit identity over the request: the acting role and unit go where <see cref="Infrastructure.Http.HttpAuditActorAccessor"/>
/// reads them; an anonymous request (the code flow's agent) acting for a user gets that user as its principal.
/// </summary>
internal sealed class HttpAuditIdentity(IHttpContextAccessor http, CurrentUser current) : IAuditIdentity
{
    public void ActFor(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (http.HttpContext is not { } context)
        {
            return;
        }

        var named = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (named is null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, actor.Id.ToString("D"))], "signing-code"));
        }
        else if (named != actor.Id.ToString("D"))
        {
            throw new InvalidOperationException("The request must act for the user it names.");
        }
    }

    public void ActAs(Role role, Guid? unitId) => current.ActAs(role, unitId);
}

/// <summary>
/// The accounting officer's step reaches the acceptance through this one class (today's <see cref="Pages.Accounting.PaymentOrderReview"/>,
/// until the acceptance use case moves to the application layer).
/// </summary>
internal sealed class AccountingAcceptanceStep(Pages.Accounting.PaymentOrderReview review, MysDbContext db) : IAccountingAcceptance
{
    public Task<IReadOnlyList<string>> ReportProblemsAsync(PaymentOrder order, SignedPaymentOrderDocument document, CancellationToken ct) =>
        review.ReportProblemsAsync(order, document, ct);

    public Task<(string? Sha256, string? Error)> StoreLongTermAsync(byte[] pdf, CancellationToken ct) => review.StoreLongTermAsync(pdf, ct);

    public void RecordAccepted(PaymentOrder order, string previousSha256, string? longTermSha256, object signature) =>
        Pages.Accounting.PaymentOrderReview.RecordAccepted(db, order, previousSha256, longTermSha256, signature);
}
