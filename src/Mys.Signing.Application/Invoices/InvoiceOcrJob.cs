using Mys.Signing.Application.Scheduling;

namespace Mys.Signing.Application.Invoices;

/// <summary>The OCR of queued scanned invoices (<see cref="ReadQueuedInvoices"/>), every minute.</summary>
public sealed class InvoiceOcrJob(ReadQueuedInvoices reading) : IScheduledJob
{
    public const string Name = "invoice-ocr";

    /// <summary>Every minute: sent invoices are read soon after they arrive.</summary>
    public const string Cron = "0 * * * * ?";

    public Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => reading.RunAsync(now, cancellationToken);
}
