using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// What types a stage allocates: listens to the runtime's GC AllocationTick events (one about every 100 KB allocated,
/// naming the type of the object that crossed the mark) and attributes them to the stage whose time window holds them.
/// A sample, not a count: a type's share of the ticks estimates its share of the bytes.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int GcKeyword = 0x1;
    private readonly ConcurrentQueue<(DateTime At, string Type, long Bytes)> _ticks = new();
    private readonly List<(string Stage, DateTime From, DateTime To)> _windows = [];

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName != "GCAllocationTick_V4" && eventData.EventName != "GCAllocationTick_V3")
        {
            return;
        }

        var index = eventData.PayloadNames!.IndexOf("TypeName");
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64");
        _ticks.Enqueue((eventData.TimeStamp.ToUniversalTime(), index < 0 ? "?" : eventData.Payload![index] as string ?? "?",
            amount < 0 ? 100_000 : Convert.ToInt64(eventData.Payload![amount], CultureInfo.InvariantCulture)));
    }

    public void Window(string stage, DateTime from, DateTime to) => _windows.Add((stage, from, to));

    public void Print(int top = 12)
    {
        Thread.Sleep(2000); // the runtime's events arrive late
        var byStage = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var (at, type, bytes) in _ticks)
        {
            var window = _windows.FirstOrDefault(w => at >= w.From && at <= w.To);
            if (window.Stage is null)
            {
                continue;
            }

            var types = byStage.TryGetValue(window.Stage, out var t) ? t : byStage[window.Stage] = new Dictionary<string, long>(StringComparer.Ordinal);
            types[type] = types.GetValueOrDefault(type) + bytes;
        }

        foreach (var (stage, types) in byStage)
        {
            var total = types.Values.Sum();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"-- {stage}: sampled {total / 1024:N0} KB"));
            foreach (var (type, bytes) in types.OrderByDescending(t => t.Value).Take(top))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {bytes * 100.0 / total,5:F1} %  {type}"));
            }
        }
    }
}
