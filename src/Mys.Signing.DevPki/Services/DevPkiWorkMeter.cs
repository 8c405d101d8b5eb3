using System.Globalization;

namespace Mys.Signing.DevPki.Services;

/// <summary>
/// What the dev PKI's in-process answers (TSA tokens, OCSP responses, CRLs) cost the process that hosts them: requests,
/// bytes allocated and CPU time, each measured on the thread that computes the answer (the answer is computed
/// synchronously). A benchmark subtracts them from the app's totals, as production's TSA and OCSP run elsewhere.
/// </summary>
public sealed class DevPkiWorkMeter
{
    private long _requests;
    private long _allocated;
    private long _cpuNanoseconds;

    public long Requests => Interlocked.Read(ref _requests);

    public long AllocatedBytes => Interlocked.Read(ref _allocated);

    public TimeSpan CpuTime => TimeSpan.FromTicks(Interlocked.Read(ref _cpuNanoseconds) / 100);

    public T Measure<T>(Func<T> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        // The CPU reads allocate a little: the first before the allocation window opens, the second after it closes.
        var cpu = ThreadCpuNanoseconds();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var result = answer();
        var allocatedAfter = GC.GetAllocatedBytesForCurrentThread();
        var cpuAfter = ThreadCpuNanoseconds();
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _allocated, allocatedAfter - allocated);
        Interlocked.Add(ref _cpuNanoseconds, Math.Max(0, cpuAfter - cpu));
        return result;
    }

    /// <summary>
    /// This thread's CPU time in ns (the scheduler's run time from /proc/thread-self/schedstat); 0 where there is no such
    /// file (then only allocations are measured).
    /// </summary>
    public static long ThreadCpuNanoseconds()
    {
        const string path = "/proc/thread-self/schedstat";
        if (!File.Exists(path))
        {
            return 0;
        }

        var text = File.ReadAllText(path);
        return long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
    }
}
