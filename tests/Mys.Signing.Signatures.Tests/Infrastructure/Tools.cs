using System.Diagnostics;

namespace Mys.Signing.Signatures.Tests.Infrastructure;

/// <summary>Runs the independent verifiers (pdfsig, qpdf, openssl) as processes.</summary>
public static class Tools
{
    public static (int ExitCode, string Output) Run(string file, params string[] args) => RunWithEnvironment(null, file, args);

    public static (int ExitCode, string Output) RunWithEnvironment(IDictionary<string, string>? environment, string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public static string WriteTemp(string folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
