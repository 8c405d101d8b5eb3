using System.Net;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Benchmarks.CrashSafety;

/// <summary>A person's browser against an <see cref="AppNode"/>: a cookie jar over real TCP, no redirects followed.</summary>
internal sealed class NodeUser : IDisposable
{
    private readonly string _tckn;
    private readonly CookieContainer _cookies = new();
    private readonly Uri _address;

    private NodeUser(AppNode node, string tckn)
    {
        _tckn = tckn;
        _address = node.Address;
        Client = new HttpClient(new SocketsHttpHandler { CookieContainer = _cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = node.Address,
            Timeout = TimeSpan.FromMinutes(5),
        };
    }

    public HttpClient Client { get; }

    /// <summary>The Cookie header this user's browser would send (for a load tool acting as the same person).</summary>
    public string CookieHeader => _cookies.GetCookieHeader(_address);

    public static async Task<NodeUser> LogInAsync(AppNode node, string tckn)
    {
        var user = new NodeUser(node, tckn);
        await user.LogInAgainAsync();
        return user;
    }

    /// <summary>Logs in (again): after a restart the old cookie may still be valid, a fresh login is what a user would do anyway.</summary>
    public async Task LogInAgainAsync()
    {
        var token = await MysAppFactory.AntiforgeryTokenAsync(Client, "/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Tckn"] = _tckn,
            ["Password"] = MysAppFactory.DemoPassword,
            ["__RequestVerificationToken"] = token,
        });
        using var response = await Client.PostAsync("/Account/Login", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login as {_tckn} answered {(int)response.StatusCode}.");
        }
    }

    /// <summary>Posts a page handler's form with the antiforgery token of <paramref name="page"/>.</summary>
    public async Task<HttpResponseMessage> PostPageAsync(string page, string handler)
    {
        var token = await MysAppFactory.AntiforgeryTokenAsync(Client, page);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        return await Client.PostAsync($"{page}?handler={handler}", form);
    }

    public void Dispose() => Client.Dispose();
}
