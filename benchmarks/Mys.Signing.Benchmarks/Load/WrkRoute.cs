using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Benchmarks.Load;

/// <summary>
/// One read route under load by its own <c>wrk</c> process: signed-in users' cookies in turn, paths in turn (each wrk
/// thread from its own place in the list). An answer counts as an error unless it is 200 with a body of at least
/// <see cref="MinBytes"/> bytes (the real page, not an error page).
/// </summary>
internal sealed partial record WrkRoute(string Name, IReadOnlyList<string> Paths, IReadOnlyList<string> Cookies, int Connections, int Threads = 1, int MinBytes = 0)
{
    /// <summary>Runs wrk for <paramref name="duration"/>; a non-200 answer (a redirect to the login page too) counts as an error.</summary>
    public async Task<RouteResult> RunAsync(Uri address, TimeSpan duration, string folder)
    {
        var script = Path.Combine(folder, Name + ".lua");
        await File.WriteAllTextAsync(script, Lua());
        var result = await ExternalTools.RunAsync(new ToolCommand("wrk",
        [
            $"-t{Threads.ToString(CultureInfo.InvariantCulture)}", $"-c{Connections.ToString(CultureInfo.InvariantCulture)}", $"-d{(int)duration.TotalSeconds}s",
            "--timeout", "30s", "--latency", "-s", script,
            address.ToString().TrimEnd('/'),
        ]) { Timeout = duration + TimeSpan.FromMinutes(2) });
        var line = ResultLine().Match(result.StandardOutput);
        if (result.ExitCode != 0 || !line.Success)
        {
            throw new InvalidOperationException($"wrk for {Name} failed ({result.ExitCode}): {result.Output}");
        }

        long Value(string name) => long.Parse(Regex.Match(line.Value, name + "=([0-9]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        return new RouteResult(Name, Connections, Value("requests"), TimeSpan.FromMicroseconds(Value("duration_us")),
            TimeSpan.FromMicroseconds(Value("p50_us")), TimeSpan.FromMicroseconds(Value("p95_us")), TimeSpan.FromMicroseconds(Value("p99_us")),
            Value("non200") + Value("errors_connect") + Value("errors_read") + Value("errors_write") + Value("errors_timeout"))
        {
            WrkOutput = result.StandardOutput,
        };
    }

    private string Lua()
    {
        static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        var lua = new StringBuilder();
        lua.Append("local paths = {").AppendJoin(", ", Paths.Select(Quote)).AppendLine("}");
        lua.Append("local cookies = {").AppendJoin(", ", Cookies.Select(Quote)).AppendLine("}");
        lua.Append("local min_bytes = ").Append(MinBytes.ToString(CultureInfo.InvariantCulture)).AppendLine();
        lua.AppendLine("""
            local threads = {}
            n = 0
            non200 = 0
            setup = function(thread)
              table.insert(threads, thread)
              thread:set("n", #threads * 7919)
            end
            request = function()
              n = n + 1
              return wrk.format("GET", paths[(n % #paths) + 1], { ["Cookie"] = cookies[(n % #cookies) + 1] })
            end
            response = function(status, headers, body)
              if status ~= 200 or #body < min_bytes then non200 = non200 + 1 end
            end
            done = function(summary, latency, requests)
              local bad = 0
              for _, t in ipairs(threads) do bad = bad + t:get("non200") end
              io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d non200=%d errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d\n",
                summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99), bad,
                summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
            end
            """);
        return lua.ToString();
    }

    [GeneratedRegex("RESULT [^\n]*")]
    private static partial Regex ResultLine();
}

/// <summary>A route's throughput and latency under load.</summary>
internal sealed record RouteResult(string Route, int Connections, long Requests, TimeSpan Duration, TimeSpan P50, TimeSpan P95, TimeSpan P99, long Errors)
{
    /// <summary>What wrk printed (with --latency: its 50/75/90/99 % distribution).</summary>
    public string WrkOutput { get; init; } = string.Empty;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Route} | {Connections} | {Requests} | {Requests / Duration.TotalSeconds:0.0} | {P50.TotalMilliseconds:0.0} | {P95.TotalMilliseconds:0.0} | {P99.TotalMilliseconds:0.0} | {Errors}");
}
