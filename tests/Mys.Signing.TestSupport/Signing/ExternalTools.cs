using System.Diagnostics;

namespace Mys.Signing.TestSupport.Signing;

/// <summary>The command-line tools the tests run as processes (pdfsig with an NSS database, qpdf, openssl, pkcs11-tool…).</summary>
public static class ExternalTools
{
    /// <summary>Runs a tool to its end: exit code and standard output followed by standard error (the one process runner of the tests).</summary>
    public static (int ExitCode, string Output) Run(string file, params string[] args) => RunWithEnvironment(null, file, args);

    /// <summary>As <see cref="Run"/>, with extra environment variables for the tool (e.g. SOFTHSM2_CONF).</summary>
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

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Creates an NSS database in <paramref name="folder"/> that trusts the PEM root, for <c>pdfsig -nssdir sql:…</c>.</summary>
    public static string CreateNssDatabase(string folder, string rootPem)
    {
        Directory.CreateDirectory(folder);
        Check(Run("certutil", "-N", "-d", "sql:" + folder, "--empty-password"));
        Check(Run("certutil", "-A", "-d", "sql:" + folder, "-n", "mys-dev-root", "-t", "CT,C,C", "-i", rootPem));
        return folder;
    }

    public static (int ExitCode, string Output) PdfSig(string nssFolder, string pdfPath) => Run("pdfsig", "-nssdir", "sql:" + nssFolder, pdfPath);

    public static (int ExitCode, string Output) QpdfCheck(string pdfPath) => Run("qpdf", "--check", pdfPath);

    private static void Check((int ExitCode, string Output) result)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Output);
        }
    }
}
