using Mys.Signing.Infrastructure.Ocr;
using Mys.Signing.Web.Infrastructure.Scheduling;

namespace Mys.Signing.Web.Infrastructure.Ocr;

/// <summary>OCR of scanned invoices: the tesseract reader (settings <c>Mys:Ocr:*</c>) and the <c>invoice-ocr</c> job.</summary>
public static class InvoiceOcrRegistration
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(OcrOptions.Read(configuration));
        services.AddSingleton<TesseractInvoiceReader>();
        services.AddMysJob<InvoiceOcrJob>(InvoiceOcrJob.Name, InvoiceOcrJob.Cron);
    }
}
