using Mys.Signing.Application.Scheduling;
using Mys.Signing.Infrastructure.Ocr;

namespace Mys.Signing.Application.Invoices;

public static class InvoicesRegistration
{
    /// <summary>
    /// OCR of scanned invoices: the tesseract reader (settings <c>Mys:Ocr:*</c>), the queue and the <c>invoice-ocr</c> job
    /// (before <see cref="SchedulingRegistration.AddMysScheduler"/>).
    /// </summary>
    public static IServiceCollection AddInvoices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(OcrOptions.Read(configuration));
        services.AddSingleton<TesseractInvoiceReader>();
        services.AddSingleton<InvoiceOcrQueueStore>();
        services.AddScoped<ReadQueuedInvoices>();
        return services.AddMysJob<InvoiceOcrJob>(InvoiceOcrJob.Name, InvoiceOcrJob.Cron);
    }
}
