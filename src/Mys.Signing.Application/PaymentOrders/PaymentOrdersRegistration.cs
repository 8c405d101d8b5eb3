namespace Mys.Signing.Application.PaymentOrders;

/// <summary>The ÖEB use cases of the data-entry officer and what they share (catalogue, limits, attachment files).</summary>
public static class PaymentOrdersRegistration
{
    public static IServiceCollection AddPaymentOrders(this IServiceCollection services)
    {
        services.AddScoped<PaymentOrderSupport>();
        services.AddScoped<AttachmentFiles>();
        services.AddScoped<DataEntryOrders>();
        services.AddScoped<ViewPaymentOrder>();
        services.AddScoped<SubmitPaymentOrder>();
        services.AddScoped<RemoveAttachment>();
        services.AddScoped<CorrectInvoiceDetails>();
        services.AddScoped<UploadAttachments>();
        services.AddScoped<AttachEInvoice>();
        services.AddScoped<NewAttachments>();
        services.AddScoped<LinkStructuredDocument>();
        services.AddScoped<ReadStructuredDocumentPdf>();
        services.AddScoped<StartNewVersion>();
        services.AddScoped<CreatePaymentOrder>();
        services.AddScoped<EditPaymentOrder>();
        services.AddScoped<PreviewPaymentOrder>();
        services.AddScoped<ListPaymentOrders>();
        services.AddScoped<ReviewOrdersToSign>();
        services.AddScoped<OpenAttachment>();
        services.AddScoped<PaymentOrderVersions>();
        return services;
    }
}
