using Microsoft.Extensions.DependencyInjection.Extensions;
using Mys.Signing.Application.Verification;

namespace Mys.Signing.Application.Accounting;

/// <summary>The accounting unit's use cases: browse its inbox, accept and return an ÖEB sent to the unit.</summary>
public static class AccountingRegistration
{
    /// <summary>Needs <c>SignatureValidation</c>, <c>PaymentOrderSupport</c>, the database and the attachment store beside it.</summary>
    public static IServiceCollection AddAccounting(this IServiceCollection services)
    {
        services.AddVerification();
        services.TryAddScoped<AccountingReview>();
        services.TryAddScoped<AcceptPaymentOrder>();
        services.TryAddScoped<ReturnPaymentOrder>();
        services.TryAddScoped<BrowseAccountingInbox>();
        return services;
    }
}
