using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Benchmarks.CrashSafety;

/// <summary>
/// The web app as its own operating-system process (the built Mys.Signing.Web.dll, as <c>scripts/run.sh</c> serves it),
/// so it can be killed with SIGKILL mid-request and started again on the same database.
/// </summary>
internal sealed class AppNode(int port, IReadOnlyDictionary<string, string> environment, string configuration) : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private Process? _process;

    public Uri Address { get; } = new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");

    public int Starts { get; private set; }

    /// <summary>The running process's id (for reading its CPU time), or null before the start.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task StartAsync()
    {
        var web = Path.Combine(TestDatabase.RepositoryRoot(), "src", "Mys.Signing.Web");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(web, "bin", configuration, "net10.0", "Mys.Signing.Web.dll"));
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.Environment["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/');
        _process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Starts++;
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode} while starting:\n{Tail()}");
            }

            try
            {
                using var ready = await client.GetAsync("health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException("The app did not become ready within 3 minutes:\n" + Tail());
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, as when the machine or the container dies.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async Task RestartAsync()
    {
        await KillAsync();
        _process?.Dispose();
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    /// <summary>The last lines the app printed (for a failure message).</summary>
    public string Tail(int lines = 40)
    {
        var all = Log.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <summary>Lines the app logged at error level or above.</summary>
    public IReadOnlyList<string> Errors() =>
        Log.Split('\n').Where(l => l.Contains(" ERR]", StringComparison.Ordinal) || l.Contains(" FTL]", StringComparison.Ordinal)).ToList();

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
