using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// Why the gen-2 collections of a run happened and what went to the large-object heap: counts the runtime's GCStart
/// events by generation and reason, and samples large-object allocations (AllocationTick events of kind "large",
/// about one per 100 KB, naming the type that crossed the mark).
/// </summary>
internal sealed class GcEventCounter : EventListener
{
    private const int GcKeyword = 0x1;

    // The runtime's gc_reason values that a batch can meet (see the GCStart event's documentation).
    private static readonly string[] Reasons =
        ["small alloc", "induced", "low memory", "empty", "large alloc", "OOS small", "OOS large", "induced no force", "stress", "low memory blocking",
         "induced compacting", "low memory host", "PM full", "PM full blocking", "LOH reclaim", "BGC final"];

    private readonly ConcurrentDictionary<string, int> _collections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _large = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCStart", StringComparison.Ordinal) == true)
        {
            var depth = Payload(eventData, "Depth");
            var reason = Payload(eventData, "Reason");
            var key = string.Create(CultureInfo.InvariantCulture, $"gen{depth} ({(reason >= 0 && reason < Reasons.Length ? Reasons[reason] : reason.ToString(CultureInfo.InvariantCulture))})");
            _collections.AddOrUpdate(key, 1, (_, n) => n + 1);
        }
        else if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && Payload(eventData, "AllocationKind") == 1)
        {
            var index = eventData.PayloadNames!.IndexOf("TypeName");
            var type = index < 0 ? "?" : eventData.Payload![index] as string ?? "?";
            var amount = eventData.PayloadNames.IndexOf("AllocationAmount64");
            var bytes = amount < 0 ? 100_000 : Convert.ToInt64(eventData.Payload![amount], CultureInfo.InvariantCulture);
            _large.AddOrUpdate(type, bytes, (_, n) => n + bytes);
        }
    }

    /// <summary>The collections and large-object samples since the last call, as one line; then starts counting again.</summary>
    public string TakeSummary()
    {
        Thread.Sleep(500); // the runtime's events arrive late
        var collections = string.Join(", ", _collections.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));
        var large = string.Join(", ", _large.OrderByDescending(l => l.Value).Take(4).Select(l => $"{l.Key} ≈{l.Value >> 20} MB"));
        _collections.Clear();
        _large.Clear();
        return $"GCs: {collections}; large objects sampled: {large}";
    }

    private static int Payload(EventWrittenEventArgs e, string name)
    {
        var index = e.PayloadNames?.IndexOf(name) ?? -1;
        return index < 0 ? -1 : Convert.ToInt32(e.Payload![index], CultureInfo.InvariantCulture);
    }
}
