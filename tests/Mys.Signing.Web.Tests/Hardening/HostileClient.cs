using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Hardening;

/// <summary>Requests as a careless user or an attacker sends them: the ÖEB form, uploads (scripted, no-script, chunked), raw bodies.</summary>
internal static class HostileClient
{
    public const string Vkn = "4540536920";
    private static int _counter;

    public static Guid Unit => DemoData.SpendingUnitId;

    public static string Tckn(Role role) => DemoData.Accounts.First(a => a.Role == role).Tckn;

    public static string NextNumber() => string.Create(CultureInfo.InvariantCulture, $"H{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..8]}");

    public static Dictionary<string, string> OrderFields(string number) => new()
    {
        ["Form.Number"] = number,
        ["Form.DocumentDate"] = DateTime.UtcNow.AddHours(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Form.BudgetYear"] = DateTime.UtcNow.AddHours(3).Year.ToString(CultureInfo.InvariantCulture),
        ["Form.ExpenseTypeCode"] = "ELEKTRIK",
        ["Form.PayeeName"] = "Başkent Elektrik Dağıtım A.Ş.",
        ["Form.PayeeTaxId"] = Vkn,
        ["Form.PayeeTaxOffice"] = "Çankaya",
        ["Form.PayeeIban"] = "TR330006100519786457841326",
        ["Form.PayeeBank"] = "Ziraat Bankası",
        ["Form.Gross"] = "1180.00",
        ["Form.StampDuty"] = "10.00",
        ["Form.Description"] = "Elektrik bedeli",
    };

    public static Task<HttpResponseMessage> PostOrderAsync(HttpClient client, Dictionary<string, string> fields) =>
        MysAppFactory.PostFormAsync(client, $"/Units/{Unit}/PaymentOrders/Edit", fields);

    public static async Task<Guid> CreateOrderAsync(HttpClient client)
    {
        var response = await PostOrderAsync(client, OrderFields(NextNumber()));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.OriginalString;
        return Guid.Parse(location[(location.LastIndexOf('/') + 1)..]);
    }

    /// <summary>The scripted upload: fields first, then the file, the token in a header.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client, Guid order, string fileName, byte[] content, IDictionary<string, string> fields, string mediaType = "application/pdf")
    {
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Profile");
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        // Set by hand: the header helpers refuse a NUL or strip what an attacker sends as it is.
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}");
        form.Add(file);
        using var request = new HttpRequestMessage(HttpMethod.Post, UploadUrl(order)) { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        return await client.SendAsync(request);
    }

    public static string UploadUrl(Guid order) => $"/Units/{Unit}/PaymentOrders/{order}?handler=Upload";

    public static Dictionary<string, string> ScanFields() => new() { ["documentType"] = "SOZLESME", ["source"] = "scan", ["carriesSignatures"] = "true" };

    public static Dictionary<string, string> InvoiceFields(string number, string supplier) => new()
    {
        ["documentType"] = "FATURA", ["source"] = "scan", ["invoiceNumber"] = number, ["supplierTaxId"] = supplier,
        ["invoiceDate"] = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    public static byte[] Pdf(string body = "1 0 obj << /Type /Catalog >> endobj") =>
        Encoding.ASCII.GetBytes($"%PDF-1.7\n% {Guid.NewGuid()}\n{body}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>The answer as a person reads it: HTML entities and JSON escapes decoded.</summary>
    public static async Task<string> TextAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
            ? System.Text.RegularExpressions.Regex.Unescape(text)
            : WebUtility.HtmlDecode(text);
    }
}

/// <summary>A body of a given size sent without a length (chunked), produced as it is read.</summary>
internal sealed class ChunkedContent(long size, byte[] prefix, byte[] suffix) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(prefix);
        var block = new byte[64 * 1024];
        Array.Fill(block, (byte)'x');
        for (long sent = 0; sent < size;)
        {
            var count = (int)Math.Min(block.Length, size - sent);
            await stream.WriteAsync(block.AsMemory(0, count));
            sent += count;
        }

        await stream.WriteAsync(suffix);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
