using System.Runtime.InteropServices;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// CPU time from the kernel's per-thread and per-process clocks (<c>clock_gettime</c>), as Java's ThreadMXBean reads
/// it. Not /proc/thread-self/schedstat: for a running thread that file shows the run time as of the scheduler's last
/// accounting update (a tick or a context switch), so a 2 ms busy loop read there shows a median of well under 1 ms.
/// </summary>
internal static partial class CpuClock
{
    private const int ProcessCpuTimeId = 2;
    private const int ThreadCpuTimeId = 3;

    /// <summary>This thread's CPU time in milliseconds.</summary>
    public static double ThreadMs() => Read(ThreadCpuTimeId);

    /// <summary>The whole process's CPU time (every thread: GC, JIT, thread pool) in milliseconds.</summary>
    public static double ProcessMs() => Read(ProcessCpuTimeId);

    /// <summary>The run time /proc/thread-self/schedstat reports for this thread (what the first version of the benchmark read), in ms.</summary>
    public static double SchedstatMs()
    {
        var text = File.ReadAllText("/proc/thread-self/schedstat");
        return long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture) / 1e6;
    }

    private static double Read(int clock) =>
        ClockGetTime(clock, out var time) == 0 ? (time.Seconds * 1e3) + (time.Nanoseconds / 1e6) : throw new InvalidOperationException("clock_gettime failed");

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
