using System.Diagnostics;
using System.Net;
using System.Text;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Readme;

namespace Mys.Signing.Bridge.Tests.Http;

/// <summary>
/// README.md's "sign in the browser with a software card" block, run by bash exactly as written (in a scratch
/// checkout whose <c>src</c> is this repository's, so the developer's <c>.local</c> is left alone): the agent it starts
/// must admit the app's origin given in <c>Bridge__AllowedOrigins__0</c>. It once did not: the appsettings.json beside
/// the executable was loaded after the environment and put the placeholder origin back.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class ReadmeAgentCommandsTests : IDisposable
{
    private const string AppOrigin = "http://127.0.0.1:5080";
    private readonly string _checkout = Directory.CreateTempSubdirectory("mys-readme-agent-").FullName;

    public void Dispose() => Directory.Delete(_checkout, recursive: true);

    [Fact]
    public async Task The_readme_agent_admits_the_apps_origin_and_lists_the_demo_signers_certificates()
    {
        var block = ReadmeCommands.Block("Mys.Signing.Bridge.dll", typeof(ReadmeAgentCommandsTests).Assembly);
        Directory.CreateSymbolicLink(Path.Combine(_checkout, "src"), Path.Combine(TestDatabase.RepositoryRoot(), "src"));
        var info = new ProcessStartInfo("bash") { WorkingDirectory = _checkout, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-e");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(block);
        using var agent = Process.Start(info)!;
        var output = new StringBuilder();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(string? line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }

            if (line?.Contains("Application started", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        }

        agent.OutputDataReceived += (_, e) => Collect(e.Data);
        agent.ErrorDataReceived += (_, e) => Collect(e.Data);
        agent.BeginOutputReadLine();
        agent.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(started.Task, agent.WaitForExitAsync()).WaitAsync(TimeSpan.FromMinutes(3));
            started.Task.IsCompleted.ShouldBeTrue("the agent did not start:\n" + output);

            using var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:17357") };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/certificates");
            request.Headers.Add("Origin", AppOrigin);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
            response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([AppOrigin]);
            body.ShouldContain("\"certificate\"");
        }
        finally
        {
            agent.Kill(entireProcessTree: true);
            await agent.WaitForExitAsync();
        }
    }
}
