using System.Diagnostics;
using System.Text;

namespace Mys.Signing.Web.Tests.Operations;

/// <summary>
/// A child process of the two-node test (an app node or HAProxy): its standard output and error are kept
/// (<see cref="Output"/>), <see cref="KillAsync"/> ends it with SIGKILL, and dispose does the same if it still runs.
/// </summary>
public sealed class ClusterProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private ClusterProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ClusterProcess Start(string name, string file, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new ClusterProcess(new Process { StartInfo = start }, name);
        process._process.OutputDataReceived += (_, e) => process.Collect(e.Data);
        process._process.ErrorDataReceived += (_, e) => process.Collect(e.Data);
        process._process.Start();
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGKILL: no shutdown hook, no flushing, no goodbye to the database or the scheduler.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    public override string ToString() => $"{Name}:\n{Output}";

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>The dotnet host running the tests (the SDK's, not whatever "dotnet" is first on PATH).</summary>
    public static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
