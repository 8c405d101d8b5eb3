using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// The client of <see cref="S3UploadMeasurement"/>: a separate process (this benchmark started again as
/// <c>upload-client</c>) that posts a generated multipart PDF upload over a real socket (SocketsHttpHandler, HTTP/1.1,
/// Content-Length known) to the app on Kestrel, so that the server's memory and CPU are measured without the client's.
/// The session cookie and antiforgery token come in MYS_BENCH_COOKIE / MYS_BENCH_TOKEN (never on the command line).
/// Prints "status seconds cpu-seconds body" on one line.
/// </summary>
internal static class UploadClient
{
    /// <summary>upload-client &lt;url&gt; &lt;bytes&gt; &lt;seed&gt;</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var url = new Uri(args[0]);
        var size = long.Parse(args[1], CultureInfo.InvariantCulture);
        var seed = int.Parse(args[2], CultureInfo.InvariantCulture);
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(30) };
        using var request = Request(url, size, seed, Environment.GetEnvironmentVariable("MYS_BENCH_COOKIE")!, Environment.GetEnvironmentVariable("MYS_BENCH_TOKEN")!);
        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(int)response.StatusCode} {watch.Elapsed.TotalSeconds:0.000} {self.TotalProcessorTime.TotalSeconds:0.00} {body.ReplaceLineEndings(" ")[..Math.Min(body.Length, 300)]}"));
        return response.StatusCode == HttpStatusCode.OK ? 0 : 1;
    }

    /// <summary>Runs the client process and waits for it; its one line of output parsed.</summary>
    public static async Task<ClientResult> RunChildAsync(Uri url, long size, int seed, string cookie, string token)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(UploadClient).Assembly.Location);
        }

        foreach (var arg in (string[])["upload-client", url.ToString(), size.ToString(CultureInfo.InvariantCulture), seed.ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MYS_BENCH_COOKIE"] = cookie;
        start.Environment["MYS_BENCH_TOKEN"] = token;
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var errors = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = (await output).Trim();
        var parts = line.Split(' ', 4);
        if (parts.Length < 3)
        {
            throw new InvalidOperationException($"upload client failed ({child.ExitCode}): {line} {await errors}");
        }

        return new ClientResult(int.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture),
            double.Parse(parts[2], CultureInfo.InvariantCulture), parts.Length > 3 ? parts[3] : string.Empty);
    }

    public static HttpRequestMessage Request(Uri url, long size, int seed, string cookie, string token)
    {
        var head = "--b\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\nSOZLESME\r\n" +
                   "--b\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\nscan\r\n" +
                   "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"buyuk.pdf\"\r\nContent-Type: application/pdf\r\n\r\n";
        var content = new GeneratedPdfContent(size, seed, Encoding.ASCII.GetBytes(head), "\r\n--b--\r\n"u8.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content, Version = HttpVersion.Version11 };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        request.Headers.Add("Cookie", cookie);
        return request;
    }

    public sealed record ClientResult(int Status, double Seconds, double CpuSeconds, string Body)
    {
        public bool Ok => Status == 200 && Body.Contains("\"ok\":true", StringComparison.Ordinal);
    }

    /// <summary>A multipart body around a PDF-looking file of the given size, produced as it is sent (never held).</summary>
    private sealed class GeneratedPdfContent(long size, int seed, byte[] prefix, byte[] suffix) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(prefix);
            var block = new byte[1024 * 1024];
            new Random(seed).NextBytes(block);
            block.AsSpan().Replace((byte)'/', (byte)'x'); // no PDF names by accident
            "%PDF-1.7\n"u8.CopyTo(block);
            var tail = "\n%%EOF\n"u8.ToArray();
            for (long sent = 0; sent < size;)
            {
                var count = (int)Math.Min(block.Length, size - sent);
                if (sent + count == size)
                {
                    tail.CopyTo(block.AsSpan(count - tail.Length));
                }

                await stream.WriteAsync(block.AsMemory(0, count));
                sent += count;
                if (sent == block.Length)
                {
                    " % PDF "u8.CopyTo(block); // only the first block starts the file
                }
            }

            await stream.WriteAsync(suffix);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = prefix.Length + size + suffix.Length;
            return true;
        }
    }
}
