namespace Mys.Signing.Application.Accounting;

/// <summary>The accounting unit's use cases: accept and return an ÖEB sent to the unit.</summary>
public static class AccountingRegistration
{
    /// <summary>
    /// Needs <see cref="IVerificationReports"/>, <c>SignatureValidation</c>, <c>PaymentOrderSupport</c>, the database and
    /// the attachment store registered beside it.
    /// </summary>
    public static IServiceCollection AddAccounting(this IServiceCollection services)
    {
        services.AddScoped<AccountingReview>();
        services.AddScoped<AcceptPaymentOrder>();
        services.AddScoped<ReturnPaymentOrder>();
        return services;
    }
}
