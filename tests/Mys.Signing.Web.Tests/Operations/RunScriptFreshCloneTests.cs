using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mys.Signing.DevPki.Services;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Operations;

/// <summary>
/// Issue 19, "from a fresh clone, a failed build in run.sh shows the compiler's error": a <c>git clone</c> of this
/// checkout's HEAD into a scratch folder, one .cs file broken on purpose, and <c>./scripts/run.sh</c> run there as a
/// reader would. run.sh builds before it touches PostgreSQL, so nothing is started; the cluster settings
/// (<c>MYS_PG_DATA_DIR</c>, <c>MYS_PG_PORT</c>) still point at a scratch place and a free port, so even a regression
/// could not touch the shared cluster on 55432.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class RunScriptFreshCloneTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mys-run-clone-").FullName;

    public void Dispose()
    {
        var pgData = Path.Combine(_scratch, "pg", "data");
        if (File.Exists(Path.Combine(pgData, "postmaster.pid")))
        {
            // Only reached if run.sh started a cluster despite the failed build (the assertion below already failed).
            Run("bash", ["-c", $"runuser -u postgres -- $(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl -D '{pgData}' stop -m immediate"], _scratch, TimeSpan.FromMinutes(1));
        }

        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [Fact]
    public void A_failed_build_in_a_fresh_clone_prints_the_compilers_error_exits_non_zero_and_starts_nothing()
    {
        var root = TestDatabase.RepositoryRoot();
        var head = Run("git", ["-C", root, "rev-parse", "HEAD"], root, TimeSpan.FromMinutes(1)).Output.Trim();
        var clone = Path.Combine(_scratch, "clone");
        Run("git", ["clone", "-q", "--no-hardlinks", root, clone], _scratch, TimeSpan.FromMinutes(5)).ExitCode.ShouldBe(0);
        Run("git", ["-C", clone, "checkout", "-q", head], clone, TimeSpan.FromMinutes(2)).ExitCode.ShouldBe(0);
        File.WriteAllText(Path.Combine(clone, "src", "Mys.Signing.Domain", "Broken.cs"),
            "namespace Mys.Signing.Domain;\n\npublic static class Broken\n{\n    public static int Value => ;\n}\n");

        var (exitCode, output) = Run("bash", ["./scripts/run.sh"], clone, TimeSpan.FromMinutes(20), new Dictionary<string, string>
        {
            ["MYS_PG_DATA_DIR"] = Path.Combine(_scratch, "pg"),
            ["MYS_PG_PORT"] = DevPkiHost.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{DevPkiHost.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture)}",
        });

        exitCode.ShouldNotBe(0, output);
        output.ShouldContain("Broken.cs(5,", Case.Sensitive, output);
        output.ShouldContain("error CS", Case.Sensitive, output);
        output.ShouldContain("[mys] the build failed (above); nothing was started", Case.Sensitive, output);
        output.ShouldNotContain("creating the local PostgreSQL cluster", Case.Sensitive, "run.sh builds before it creates a cluster");
        output.ShouldNotContain("starting PostgreSQL", Case.Sensitive, "run.sh builds before it starts a cluster");
        output.ShouldNotContain("serving on", Case.Sensitive, output);
        Directory.Exists(Path.Combine(_scratch, "pg", "data")).ShouldBeFalse("no cluster was created");
    }

    private static (int ExitCode, string Output) Run(string file, string[] arguments, string directory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}:\n{output}");
        }

        process.WaitForExit(); // the asynchronous readers have delivered everything
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
