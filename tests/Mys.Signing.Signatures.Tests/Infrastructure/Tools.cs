using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Signatures.Tests.Infrastructure;

/// <summary>Runs the independent verifiers (pdfsig, qpdf, openssl) as processes, through the one runner in TestSupport.</summary>
public static class Tools
{
    public static (int ExitCode, string Output) Run(string file, params string[] args) => ExternalTools.Run(file, args);

    public static (int ExitCode, string Output) RunWithEnvironment(IReadOnlyDictionary<string, string>? environment, string file, params string[] args) =>
        ExternalTools.RunWithEnvironment(environment, file, args);

    public static string WriteTemp(string folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
