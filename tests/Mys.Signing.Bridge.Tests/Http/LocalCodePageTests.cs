using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Bridge.Http;
using Mys.Signing.Bridge.Tests.SoftHsm;

namespace Mys.Signing.Bridge.Tests.Http;

/// <summary>The agent's local code page is served from the files in src/Mys.Signing.Bridge/Http/CodePage, as they are.</summary>
[Collection(SoftHsmCollection.Name)]
public sealed partial class LocalCodePageTests(SoftHsmFixture hsm)
{
    private const string Csp = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'none'; "
        + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private readonly HttpClient _client = hsm.Http.CreateClient();

    [Theory]
    [InlineData(CodePageAssets.PageResource, "index.html")]
    [InlineData(CodePageAssets.StyleResource, "code.css")]
    [InlineData(CodePageAssets.ScriptResource, "code.js")]
    public void Each_embedded_resource_is_the_file_in_the_repository(string resource, string file)
    {
        using var stream = typeof(CodePageAssets).Assembly.GetManifestResourceStream(resource);
        stream.ShouldNotBeNull();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);

        copy.ToArray().ShouldBe(SourceFile(file));
    }

    [Theory]
    [InlineData("/code.css", "code.css", "text/css; charset=utf-8")]
    [InlineData("/code.js", "code.js", "text/javascript; charset=utf-8")]
    public async Task Style_sheet_and_script_are_served_byte_for_byte(string path, string file, string contentType)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe(contentType);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(SourceFile(file));
        ShouldCarryThePageHeaders(response);
    }

    [Fact]
    public async Task Page_is_the_file_with_only_the_token_filled_in()
    {
        var token = hsm.Http.Services.GetRequiredService<LocalPageToken>().Value;
        var template = Encoding.UTF8.GetString(SourceFile("index.html"));

        using var response = await _client.GetAsync(new Uri("/", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/html; charset=utf-8");
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(Encoding.UTF8.GetBytes(template.Replace("{{TOKEN}}", token, StringComparison.Ordinal)));
        (await response.Content.ReadAsStringAsync()).ShouldContain("Doğrulama kodu ile imzala");
        ShouldCarryThePageHeaders(response);
    }

    [Fact]
    public async Task Csp_allows_exactly_the_page_own_style_sheet_and_script()
    {
        using var response = await _client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var directives = response.Headers.GetValues("Content-Security-Policy").Single()
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

        // 'self' alone: no inline code, no hashes or nonces, no other host; so the page may use only files it loads from the agent.
        directives["script-src"].ShouldBe("'self'");
        directives["style-src"].ShouldBe("'self'");
        directives["default-src"].ShouldBe("'none'");
        ScriptTag().Matches(html).Select(m => (m.Groups["attributes"].Value.Trim(), m.Groups["body"].Value)).ShouldBe([("src=\"/code.js\"", "")]);
        LinkTag().Matches(html).Select(m => m.Groups["attributes"].Value.Trim()).ShouldBe(["rel=\"stylesheet\" href=\"/code.css\""]);
        html.ShouldNotContain("<style", Case.Insensitive);
        InlineAttribute().IsMatch(html).ShouldBeFalse("an inline style or event handler would be blocked by the CSP");
        foreach (var asset in new[] { "/code.js", "/code.css" })
        {
            using var served = await _client.GetAsync(new Uri(asset, UriKind.Relative));
            served.StatusCode.ShouldBe(HttpStatusCode.OK);
            served.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(Csp);
        }
    }

    private static void ShouldCarryThePageHeaders(HttpResponseMessage response)
    {
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(Csp);
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        response.Headers.AcceptRanges.ShouldBeEmpty();
        response.Headers.ETag.ShouldBeNull();
    }

    private static byte[] SourceFile(string name) =>
        File.ReadAllBytes(Path.Combine(RepositoryRoot(), "src", "Mys.Signing.Bridge", "Http", "CodePage", name));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mys.Signing.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Mys.Signing.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("<script(?<attributes>[^>]*)>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("<link(?<attributes>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex LinkTag();

    [GeneratedRegex("""<[^>]*\s(style|on[a-z]+)\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineAttribute();
}
