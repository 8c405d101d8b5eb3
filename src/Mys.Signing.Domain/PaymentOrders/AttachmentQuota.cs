using System.Globalization;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// Per-ÖEB cap on the total size of the files attached to it (the sum of <see cref="SupportingDocument.SizeBytes"/>;
/// linked structured documents have no file and count 0). The cap is configuration; this decides with it.
/// </summary>
public static class AttachmentQuota
{
    public const string ErrorCode = "PO_ATTACHMENTS_TOTAL_TOO_LARGE";

    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    public static long TotalBytes(PaymentOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        long total = 0;
        foreach (var attachment in order.Attachments)
        {
            total += attachment.SizeBytes;
        }

        return total;
    }

    /// <summary>Bytes still allowed on the order (0 when full or over).</summary>
    public static long RemainingBytes(PaymentOrder order, long maxTotalBytes) => Math.Max(0, maxTotalBytes - TotalBytes(order));

    /// <summary>Whether a file of <paramref name="incomingBytes"/> may be added; the failure says the limit and what is left.</summary>
    public static Result Check(PaymentOrder order, long incomingBytes, long maxTotalBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(incomingBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTotalBytes);
        var total = TotalBytes(order);
        return total + incomingBytes <= maxTotalBytes ? Result.Success() : Result.Failure(Exceeded(total, maxTotalBytes));
    }

    /// <summary>The refusal for an upload that would take the order past the cap (also used when the store stops the stream).</summary>
    public static DomainError Exceeded(long currentTotalBytes, long maxTotalBytes) => new(
        ErrorCode,
        $"Bu ÖEB'nin eklerinin toplam boyutu en çok {Size(maxTotalBytes)} olabilir; şu an {Size(currentTotalBytes)} dolu, "
        + $"bu dosya için en çok {Size(Math.Max(0, maxTotalBytes - currentTotalBytes))} yer kaldı.");

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024d * 1024d)).ToString("0.#", Turkish) + " MB"
        : bytes >= 1024 ? (bytes / 1024d).ToString("0.#", Turkish) + " KB" : bytes.ToString("N0", Turkish) + " bayt";
}
