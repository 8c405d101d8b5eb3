using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mys.Signing.Application.Seeding;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Web.Tests.Operations;

/// <summary>
/// The real thing of issue 20: two processes of the built web app (Mys.Signing.Web.dll, this test's configuration) on
/// loopback ports, sharing one fresh seeded database and one dev PKI, behind HAProxy from Debian with the configuration
/// <c>scripts/cluster.sh haproxy-config</c> writes (TLS at the balancer, round-robin, no stickiness, <c>/health/ready</c>
/// checks). Clients reach the balancer from 127.0.0.2, so the address the app records is the client's, not the balancer's
/// (127.0.0.1, the nodes' only known proxy). An in-process app on the same database with its scheduler off (<see cref="Helper"/>)
/// makes test ÖEBs, reads stored PDFs and holds the demo signers' cards.
/// </summary>
public sealed class LoadBalancedCluster : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://mys.test.local";
    public const string ClientAddress = "127.0.0.2";
    public static readonly string[] NodeNames = ["node-a", "node-b"];

    private readonly Dictionary<string, ClusterProcess> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _ports = new(StringComparer.Ordinal);
    private string? _certificateHash;
    private TestDatabase? _database;
    private MysAppFactory? _helper;

    public string Folder { get; } = Directory.CreateTempSubdirectory("mys-cluster-").FullName;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public MysAppFactory Helper => _helper ?? throw new InvalidOperationException("Fixture not initialised.");

    public ClusterProcess Balancer { get; private set; } = null!;

    public int BalancerPort { get; private set; }

    public ClusterProcess Node(string name) => _nodes[name];

    private Dictionary<string, string> Settings => new()
    {
        ["Mys:DevPki:Enabled"] = "true",
        ["Mys:DevPki:Folder"] = Path.Combine(Folder, "devpki"),
        ["Mys:DevPki:BaseUrl"] = AppDevPki.InProcessBaseUrl,
        ["Mys:PublicBaseUrl"] = PublicBaseUrl,
    };

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSeededAsync(Settings);
        _helper = new MysAppFactory(Database, new Dictionary<string, string>(Settings) { ["Mys:Scheduler:Enabled"] = "false" });
        _ = _helper.Server; // also makes the database's key-ring certificate, which the nodes then share
        foreach (var name in NodeNames)
        {
            _ports[name] = DevPkiHost.FreeLoopbackPort();
            _nodes[name] = StartNode(name);
        }

        foreach (var name in NodeNames)
        {
            await WaitReadyAsync(name);
        }

        BalancerPort = DevPkiHost.FreeLoopbackPort();
        var pem = WriteBalancerCertificate();
        var config = Path.Combine(Folder, "haproxy.cfg");
        var script = Path.Combine(TestDatabase.RepositoryRoot(), "scripts", "cluster.sh");
        await File.WriteAllTextAsync(config, ExternalTools.RunChecked("bash",
            [script, "haproxy-config", $"127.0.0.1:{BalancerPort.ToString(CultureInfo.InvariantCulture)}", pem, new Uri(PublicBaseUrl).Host,
             .. NodeNames.Select(n => $"{n}=127.0.0.1:{_ports[n].ToString(CultureInfo.InvariantCulture)}")]));
        Balancer = ClusterProcess.Start("haproxy", "haproxy", ["-db", "-f", config], Folder);
        await WaitUntilAsync(BalancerServesBothAsync, TimeSpan.FromSeconds(30), () => "the balancer did not serve both nodes:\n" + Balancer);
    }

    /// <summary>A client of the balancer (from <see cref="ClientAddress"/>, trusting only the balancer's certificate), not following redirects.</summary>
    public HttpClient Client(CookieContainer? jar = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = jar ?? new CookieContainer(),
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(ClientAddress), 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, BalancerPort), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == _certificateHash;
        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri BaseAddress => new($"{PublicBaseUrl}:{BalancerPort.ToString(CultureInfo.InvariantCulture)}");

    public static string Tckn(Role role) => DemoData.Accounts.Single(a => a.Role == role).Tckn;

    /// <summary>Logs in through the balancer (the login form and its post may well land on different nodes).</summary>
    public async Task<HttpClient> LoginAsync(Role role, CookieContainer? jar = null)
    {
        var client = Client(jar);
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Tckn"] = Tckn(role),
            ["Password"] = MysAppFactory.DemoPassword,
            ["__RequestVerificationToken"] = token,
        });
        var response = await client.PostAsync("/Account/Login", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"login as {role}");
        return client;
    }

    public static string NodeOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Mys-Node", out var values) ? values.Single() : throw new InvalidOperationException($"No X-Mys-Node on {(int)response.StatusCode}");

    /// <summary>
    /// Round-robin alternates the two nodes on every request: cheap requests until one is answered by the other node,
    /// so that the next request goes to <paramref name="node"/>.
    /// </summary>
    public static async Task NextGoesToAsync(HttpClient client, string node)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await client.GetAsync("/health/live");
            if (NodeOf(response) != node)
            {
                return;
            }
        }

        throw new InvalidOperationException($"Four requests in a row went to {node}: the balancer does not alternate.");
    }

    /// <summary>POSTs JSON to the signing API (antiforgery token in the header, as the page does) on <paramref name="node"/>, or wherever the balancer sends it.</summary>
    public static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, object body, string? node = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Profile");
        if (node is not null)
        {
            await NextGoesToAsync(client, node);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: SigningApi.Json) };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(failure);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(failure());
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Starts a node again on its port after a kill, and waits until the balancer sends requests to it again.</summary>
    public async Task RestartAsync(string name)
    {
        await _nodes[name].DisposeAsync();
        _nodes[name] = StartNode(name);
        await WaitReadyAsync(name);
        await WaitUntilAsync(BalancerServesBothAsync, TimeSpan.FromSeconds(30), () => $"the balancer did not take {name} back:\n" + Balancer);
    }

    public async Task DisposeAsync()
    {
        if (Balancer is not null)
        {
            await Balancer.DisposeAsync();
        }

        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync();
        }

        if (_helper is not null)
        {
            await _helper.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Directory.Delete(Folder, recursive: true);
    }

    private async Task<bool> BalancerServesBothAsync()
    {
        using var client = Client();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 4; i++)
        {
            try
            {
                using var response = await client.GetAsync("/health/live");
                if (response.IsSuccessStatusCode)
                {
                    seen.Add(NodeOf(response));
                }
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        }

        return seen.Count == NodeNames.Length;
    }

    private ClusterProcess StartNode(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Folder, name)).FullName;
        var settings = new Dictionary<string, string>(Settings)
        {
            ["ConnectionStrings:Mys"] = Database.ConnectionString,
            ["ConnectionStrings:MysMigrations"] = Database.ConnectionString,
            ["Mys:Database:MigrateOnStartup"] = "false",
            ["Mys:Database:AppRole"] = string.Empty,
            ["Mys:Demo:Seed"] = "false",
            ["Mys:RequireHttps"] = "true",
            ["Mys:DataProtection:DevelopmentCertificateFolder"] = Database.KeyRingCertificateFolder,
            ["Mys:Ocr:Enabled"] = "false",
            ["Mys:Export:Packages:Enabled"] = "false",
            ["Mys:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["Mys:NodeName"] = name,
            ["Mys:Scheduler:InstanceId"] = name,
            ["Mys:Logging:Format"] = "json",
            ["urls"] = $"http://127.0.0.1:{_ports[name].ToString(CultureInfo.InvariantCulture)}",
            ["contentRoot"] = Path.Combine(TestDatabase.RepositoryRoot(), "src", "Mys.Signing.Web"),
        };
        return ClusterProcess.Start(name, ClusterProcess.DotnetHost(), [WebDll(), .. settings.Select(s => $"--{s.Key}={s.Value}")], folder,
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Testing", ["DOTNET_ENVIRONMENT"] = "Testing" });
    }

    private async Task WaitReadyAsync(string name)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var node = _nodes[name];
        await WaitUntilAsync(async () =>
        {
            if (node.HasExited)
            {
                throw new InvalidOperationException($"{name} stopped while starting:\n{node}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri($"http://127.0.0.1:{_ports[name].ToString(CultureInfo.InvariantCulture)}/health/ready"));
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(180), () => $"{name} was not ready within 180 s:\n{node}");
    }

    // The web app this test run was built with: its own output folder, in the same configuration as the tests.
    private static string WebDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<configuration>/net10.0
        var dll = Path.Combine(TestDatabase.RepositoryRoot(), "src", "Mys.Signing.Web", "bin", configuration, "net10.0", "Mys.Signing.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"The built web app is not at {dll}; build the solution ({configuration}) first.");
    }

    // HAProxy's TLS certificate and key in one PEM file; clients trust exactly this certificate.
    private string WriteBalancerCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={new Uri(PublicBaseUrl).Host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        _certificateHash = certificate.GetCertHashString();
        var path = Path.Combine(Folder, "haproxy.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n");
        return path;
    }
}
