using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Tests.TestSuite;
using static Mys.Signing.Web.Tests.Hardening.HostileClient;

namespace Mys.Signing.Web.Tests.Hardening;

/// <summary>
/// Generated hostile strings, numbers, dates and files (and the corpus's attack PDFs) through the ÖEB form, the upload,
/// the lists and the API, seeded so a failure repeats: never a 500, never a hang, and nothing half-saved (a refused
/// order leaves no row, a refused upload no attachment and no blob).
/// </summary>
[Collection(SharedEntryAppCollection.Name)]
public sealed class InputFuzzTests(WebAppFixture fixture)
{
    private const int Seed = 18;
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(20);

    private static readonly string[] Strings =
    [
        "", " ", "\0", "a\0b", "\u202Eevil", "\u2066x\u2069", "\uFEFF", "\r\n\r\n", "\t", "=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)",
        "' OR 1=1 --", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x}", "../../etc/passwd", "%00", "%s%s%s%n", "\\", "\"", "İıŞşĞğ",
        "😀", "\uD800", "\uDFFF", "e\u0301", new string('A', 256), new string('ç', 2001), new string('9', 40), "NaN", "Infinity", "1e308", "-0",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-0.01", "0.001", "1234567890123456789012345678", "79228162514264337593543950336", "9999999999999999.99", "10000000000000000",
        "1,5", "1.5.5", "١٢٣", "0x10", "1e3", " 5 ", "-", ".", "NaN", "∞",
    ];

    private static readonly string[] Dates =
    [
        "0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01", "2026-02-30", "2026-13-01", "31.12.2026", "2026-1-1", "-2026-01-01", "",
    ];

    private static readonly string[] FormFields =
    [
        "Form.Number", "Form.DocumentDate", "Form.BudgetYear", "Form.ExpenseTypeCode", "Form.Institutional", "Form.Functional", "Form.Financing",
        "Form.Economic", "Form.Lines[0].Account", "Form.Lines[0].Side", "Form.Lines[0].Amount", "Form.PayeeName", "Form.PayeeTaxId",
        "Form.PayeeTaxOffice", "Form.PayeeIban", "Form.PayeeBank", "Form.Gross", "Form.VatWithholding", "Form.StampDuty", "Form.Description",
        "Form.ContractNumber", "Form.ProgressPaymentNumber", "Form.CommitmentFileOrderId",
    ];

    [Fact]
    public async Task Hostile_values_in_every_field_of_the_order_form_never_give_a_500_or_a_half_saved_order()
    {
        var random = new Random(Seed);
        var client = await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));
        for (var round = 0; round < 60; round++)
        {
            var fields = OrderFields(NextNumber());
            var orders = await OrderCountAsync();
            var field = FormFields[round % FormFields.Length];
            var value = Pick(random, field);
            fields[field] = value;
            if (random.Next(3) == 0)
            {
                var second = FormFields[random.Next(FormFields.Length)];
                fields[second] = Pick(random, second);
            }

            var response = await TimedAsync(() => PostOrderAsync(client, fields), $"{field}={Show(value)}");

            var status = (int)response.StatusCode;
            status.ShouldBeLessThan(500, $"{field}={Show(value)}");
            var saved = await OrderCountAsync() - orders;
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                saved.ShouldBe(1, $"{field}={Show(value)}: accepted, so stored once");
            }
            else
            {
                status.ShouldBeInRange(400, 499, $"{field}={Show(value)}");
                saved.ShouldBe(0, $"{field}={Show(value)}: refused, so nothing stored");
            }
        }
    }

    [Fact]
    public async Task Hostile_files_names_and_fields_through_the_upload_never_give_a_500_or_a_half_stored_attachment()
    {
        var random = new Random(Seed);
        var client = await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));
        var id = await CreateOrderAsync(client);
        var files = HostileFiles(random).ToList();
        foreach (var (name, mediaType, content) in files)
        {
            var before = await CountsAsync(id);
            var fields = random.Next(2) == 0 ? ScanFields() : InvoiceFields(Strings[random.Next(Strings.Length)], Strings[random.Next(Strings.Length)]);
            fields["documentType"] = random.Next(4) == 0 ? "EFATURA" : fields["documentType"];

            var response = await TimedAsync(() => UploadAsync(client, id, name, content, fields, mediaType), Show(name));

            var status = (int)response.StatusCode;
            status.ShouldBeLessThan(500, Show(name));
            var after = await CountsAsync(id);
            if (status < 300)
            {
                after.Attachments.ShouldBe(before.Attachments + 1, Show(name));
                await fixture.Database.ExecuteAsync($"DELETE FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}'");
            }
            else
            {
                after.ShouldBe(before, $"{Show(name)}: refused ({status}), so neither an attachment nor a blob stays");
            }
        }
    }

    [Fact]
    public async Task Hostile_query_values_on_the_lists_and_bodies_on_the_API_never_give_a_500()
    {
        var random = new Random(Seed);
        var admin = await fixture.App.LoginAsync(Tckn(Role.SystemAdministrator));
        var officer = await fixture.App.LoginAsync(Tckn(Role.RealizationOfficer));
        var token = await MysAppFactory.AntiforgeryTokenAsync(officer, "/Account/Profile");
        string[] urls = ["/Audit?From={0}&To={1}&p={2}&User={3}", $"/Units/{Unit}/PaymentOrders?baslangic={{0}}&bitis={{1}}&p={{2}}&hakSahibi={{3}}&enAz={{2}}"];
        for (var round = 0; round < 24; round++)
        {
            var url = string.Format(CultureInfo.InvariantCulture, urls[round % urls.Length],
                Uri.EscapeDataString(Dates[random.Next(Dates.Length)]), Uri.EscapeDataString(Dates[random.Next(Dates.Length)]),
                Uri.EscapeDataString(Numbers[random.Next(Numbers.Length)]), Uri.EscapeDataString(Strings[random.Next(Strings.Length)]));
            var client = url.StartsWith("/Audit", StringComparison.Ordinal) ? admin : await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));
            ((int)(await TimedAsync(() => client.GetAsync(url), url)).StatusCode).ShouldBeLessThan(500, url);

            var body = Strings[random.Next(Strings.Length)];
            foreach (var api in new[] { "/api/signing/codes", "/api/agent/v1/code/job", "/api/agent/v1/code/complete", "/api/signing/prepare" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, api) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("RequestVerificationToken", token);
                ((int)(await TimedAsync(() => officer.SendAsync(request), api + " " + Show(body))).StatusCode).ShouldBeLessThan(500, api + " " + Show(body));
            }
        }
    }

    private static string Pick(Random random, string field) => field switch
    {
        _ when field.Contains("Date", StringComparison.Ordinal) => Dates[random.Next(Dates.Length)],
        _ when field.Contains("Amount", StringComparison.Ordinal) || field is "Form.Gross" or "Form.VatWithholding" or "Form.StampDuty" or "Form.BudgetYear"
            or "Form.ProgressPaymentNumber" => Numbers[random.Next(Numbers.Length)],
        _ => Strings[random.Next(Strings.Length)],
    };

    private static IEnumerable<(string Name, string MediaType, byte[] Content)> HostileFiles(Random random)
    {
        var corpus = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "corpus", "attack");
        foreach (var path in Directory.Exists(corpus) ? Directory.GetFiles(corpus, "*.pdf").OrderBy(p => p, StringComparer.Ordinal).Take(8) : [])
        {
            yield return (Path.GetFileName(path), "application/pdf", File.ReadAllBytes(path));
        }

        yield return ("a\0b.pdf", "application/pdf", Pdf());
        yield return (new string('x', 400) + ".pdf", "application/pdf", Pdf());
        yield return ("\u202Efdp.exe", "application/pdf", Pdf());
        yield return ("bos.pdf", "application/pdf", []);
        yield return ("kesik.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj"));
        yield return ("zip.pdf", "application/pdf", [0x50, 0x4B, 0x03, 0x04, .. new byte[64]]);
        yield return ("polyglot.pdf", "application/pdf", [.. Pdf(), 0x50, 0x4B, 0x03, 0x04, .. new byte[30]]);
        yield return ("lol.xml", "application/xml", Encoding.UTF8.GetBytes("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>"));
        yield return ("deep.xml", "text/xml", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<a>", 5000))));
        yield return ("bad.xml", "application/xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><a>\u0001</a>"));
        yield return ("bomb.png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 8, 6, 0, 0, 0]);
        yield return ("kisa.png", "image/png", [0x89, 0x50, 0x4E, 0x47]);
        yield return ("bomb.jpg", "image/jpeg", [0xFF, 0xD8, 0xFF, 0xC0, 0, 17, 8, 0xFF, 0xFF, 0xFF, 0xFF, 3, .. new byte[9], 0xFF, 0xD9]);
        yield return ("loop.tif", "image/tiff", [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 0, 0, 8, 0, 0, 0]);
        for (var i = 0; i < 6; i++)
        {
            var noise = new byte[random.Next(1, 4096)];
            random.NextBytes(noise);
            yield return ($"rastgele-{i}.pdf", i % 2 == 0 ? "application/pdf" : "application/octet-stream", noise);
        }
    }

    private Task<long> OrderCountAsync() => fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"PaymentOrders\"");

    private async Task<(long Attachments, long Blobs)> CountsAsync(Guid id) => (
        await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}'"),
        await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentBlobs\""));

    private static async Task<HttpResponseMessage> TimedAsync(Func<Task<HttpResponseMessage>> send, string what)
    {
        var watch = Stopwatch.StartNew();
        var task = send();
        if (await Task.WhenAny(task, Task.Delay(PerRequest)) != task)
        {
            throw new TimeoutException($"No answer within {PerRequest.TotalSeconds} s: {what}");
        }

        watch.Stop();
        return await task;
    }

    private static string Show(string value) =>
        string.Concat(value.Take(60).Select(c => char.IsControl(c) || char.IsSurrogate(c) || c is >= '\u2000' and <= '\u206F' ? $"\\u{(int)c:X4}" : c.ToString()));
}
