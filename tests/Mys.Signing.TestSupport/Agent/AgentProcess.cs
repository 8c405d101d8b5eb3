using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mys.Signing.DevPki.Services;
using Mys.Signing.TestSupport.SoftHsm;

namespace Mys.Signing.TestSupport.Agent;

/// <summary>
/// The real signing agent (Mys.Signing.Bridge.dll next to the test assembly) as a child process on a loopback port,
/// on a SoftHSM2 token store, allowing one origin. Its console output is kept (<see cref="Log"/>); started when
/// it prints "Application started", killed on dispose.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private readonly Process _process;

    private AgentProcess(Process process, int port)
    {
        _process = process;
        Address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    public Uri Address { get; }

    /// <summary>Everything the agent printed so far (standard output and error).</summary>
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

    /// <summary>Starts the agent on <paramref name="port"/> (a free one when null); extra arguments go after the usual ones.</summary>
    public static async Task<AgentProcess> StartAsync(SoftHsmEnvironment softHsm, string allowedOrigin, int? port = null, params string[] extraArguments)
    {
        ArgumentNullException.ThrowIfNull(softHsm);
        var chosen = port ?? DevPkiHost.FreeLoopbackPort();
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Mys.Signing.Bridge.dll"),
            "--port", chosen.ToString(CultureInfo.InvariantCulture),
            "--module", SoftHsmEnvironment.ModulePath,
            "--Bridge:AllowedOrigins:0", allowedOrigin,
            // The agent's own appsettings.json: the test folder may hold the web app's under the same name.
            "--contentRoot", Path.Combine(TestDatabase.RepositoryRoot(), "src", "Mys.Signing.Bridge"),
        }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in softHsm.Variables)
        {
            start.Environment[name] = value;
        }

        var agent = new AgentProcess(new Process { StartInfo = start }, chosen);
        await agent.RunAsync();
        return agent;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task RunAsync()
    {
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, e) => Collect(e.Data, listening);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data, listening);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            // Generous: the agent starts on a shared two-core machine, often next to the app and a browser.
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            await DisposeAsync();
            throw new InvalidOperationException("The agent did not start within 90 s:\n" + Log);
        }
    }

    private void Collect(string? line, TaskCompletionSource listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (line.Contains("Application started", StringComparison.Ordinal))
        {
            listening.TrySetResult();
        }
    }

    /// <summary>The dotnet host running the tests (the SDK's, not whatever "dotnet" is first on PATH).</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
