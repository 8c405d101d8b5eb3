using System.Diagnostics;

namespace Mys.Signing.TestSupport.Signing;

/// <summary>
/// The one process runner of the tests: the command-line tools they run (pdfsig with an NSS database, qpdf, openssl,
/// softhsm2-util, pkcs11-tool, pdftotext…) and the <c>mys</c> executable. The agent, which keeps running, has
/// <see cref="Agent.AgentProcess"/>.
/// </summary>
public static class ExternalTools
{
    /// <summary>Runs a tool to its end: exit code and standard output followed by standard error.</summary>
    public static (int ExitCode, string Output) Run(string file, params string[] args) => RunWithEnvironment(null, file, args);

    /// <summary>As <see cref="Run"/>, with extra environment variables for the tool (e.g. SOFTHSM2_CONF).</summary>
    public static (int ExitCode, string Output) RunWithEnvironment(IReadOnlyDictionary<string, string>? environment, string file, params string[] args)
    {
        var result = Run(new ToolCommand(file, args) { Environment = environment });
        return (result.ExitCode, result.Output);
    }

    /// <summary>As <see cref="RunAsync"/>, for synchronous callers.</summary>
    public static ToolResult Run(ToolCommand command) => RunAsync(command).GetAwaiter().GetResult();

    /// <summary>As <see cref="Run"/>, failing with the tool's output when it exits non-zero; returns standard output and error.</summary>
    public static string RunChecked(string file, params string[] args)
    {
        var (exitCode, output) = Run(file, args);
        return exitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {exitCode}: {output}");
    }

    /// <summary>
    /// Runs <paramref name="command"/> to its end, or kills it (and its children) when its timeout passes
    /// (<see cref="ToolResult.TimedOut"/>). Standard output and standard error are read side by side (a full pipe would block the tool).
    /// </summary>
    public static async Task<ToolResult> RunAsync(ToolCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var info = new ProcessStartInfo(command.File)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = command.Input is not null,
            UseShellExecute = false,
        };
        if (command.WorkingDirectory is { } directory)
        {
            info.WorkingDirectory = directory;
        }

        foreach (var (key, value) in command.Environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        foreach (var arg in command.Arguments)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + command.File);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (command.Input is { } input)
        {
            await process.StandardInput.BaseStream.WriteAsync(input);
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(command.Timeout ?? Timeout.InfiniteTimeSpan);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return new ToolResult(-1, string.Empty, $"no exit within {command.Timeout}") { TimedOut = true };
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Creates an NSS database in <paramref name="folder"/> that trusts the PEM root, for <c>pdfsig -nssdir sql:…</c>.</summary>
    public static string CreateNssDatabase(string folder, string rootPem)
    {
        Directory.CreateDirectory(folder);
        RunChecked("certutil", "-N", "-d", "sql:" + folder, "--empty-password");
        RunChecked("certutil", "-A", "-d", "sql:" + folder, "-n", "mys-dev-root", "-t", "CT,C,C", "-i", rootPem);
        return folder;
    }

    public static (int ExitCode, string Output) PdfSig(string nssFolder, string pdfPath) => Run("pdfsig", "-nssdir", "sql:" + nssFolder, pdfPath);

    public static (int ExitCode, string Output) QpdfCheck(string pdfPath) => Run("qpdf", "--check", pdfPath);
}

/// <summary>A tool to run: its arguments, and optionally extra environment variables, a working folder, bytes for its standard input and a time limit.</summary>
public sealed record ToolCommand(string File, IReadOnlyList<string> Arguments)
{
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public string? WorkingDirectory { get; init; }

    public byte[]? Input { get; init; }

    public TimeSpan? Timeout { get; init; }
}

/// <summary>How a tool ended: exit code, standard output and standard error.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Killed at its time limit (the exit code is then -1).</summary>
    public bool TimedOut { get; init; }

    /// <summary>Standard output followed by standard error.</summary>
    public string Output => StandardOutput + StandardError;
}
