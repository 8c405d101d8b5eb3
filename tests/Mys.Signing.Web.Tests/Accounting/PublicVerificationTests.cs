using System.Net;
using System.Net.Http.Headers;
using Mys.Signing.Application.Seeding;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Tests.TestSuite;

namespace Mys.Signing.Web.Tests.Accounting;

/// <summary>The anonymous verification page: by code, by uploaded PDF, and what it refuses.</summary>
[Collection(SignedDemoAppCollection.Name)]
public sealed class PublicVerificationTests(AccountingFixture fx)
{
    [Fact]
    public async Task A_code_shows_number_date_unit_signers_and_verdict_but_no_personal_data()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        var client = fx.App.Anonymous();

        var response = await client.GetAsync("/dogrula/" + seeded.VerificationCode);
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain(seeded.Number);
        html.ShouldContain(DemoData.SpendingUnitName);
        html.ShouldContain("Gerçekleştirme Görevlisi: Mehmet Demir");
        html.ShouldContain("Harcama Yetkilisi: Fatma Kaya");
        html.ShouldContain("data-verdict=\"ok\"");
        foreach (var account in DemoData.Accounts)
        {
            html.ShouldNotContain(account.Tckn);
        }

        html.ShouldNotContain("4540536920", Case.Sensitive, "the payee's tax id is not shown");
        html.ShouldNotContain("Başkent Elektrik", Case.Sensitive, "the payee is not shown");
    }

    [Fact]
    public async Task A_typed_code_is_normalised_and_redirected_and_unknown_codes_are_not_found()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        var client = fx.App.Anonymous();

        var typed = await client.GetAsync("/dogrula?kod=" + Uri.EscapeDataString(seeded.VerificationCode.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant()));
        var unknown = await client.GetAsync("/dogrula/0000-0000-0000-0000");
        var malformed = await client.GetAsync("/dogrula/%3Cscript%3E");

        typed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        typed.Headers.Location!.OriginalString.ShouldBe("/dogrula/" + seeded.VerificationCode);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("Bu doğrulama koduyla kayıtlı bir belge bulunamadı.");
        malformed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await malformed.Content.ReadAsStringAsync()).ShouldNotContain("<script>");
    }

    [Fact]
    public async Task An_uploaded_pdf_is_recognised_as_a_revision_of_the_document_and_checked()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        var other = await fx.Seeder.SeedSentAsync(gross: 2360.00m);
        var client = fx.App.Anonymous();

        var genuine = await UploadAsync(client, seeded.VerificationCode, seeded.SignedPdf, "oeb.pdf");
        var earlier = await UploadAsync(client, seeded.VerificationCode, seeded.Revisions[1], "oeb-ilk-imza.pdf");
        var foreign = await UploadAsync(client, seeded.VerificationCode, other.SignedPdf, "baska.pdf");
        var tampered = await UploadAsync(client, seeded.VerificationCode, SignedPaymentOrderSeeder.AppendContentRevision(seeded.SignedPdf), "oynanmis.pdf");

        (await genuine.Content.ReadAsStringAsync()).ShouldContain("bir sürümüdür ve imzaları geçerlidir (2 imza)");
        (await earlier.Content.ReadAsStringAsync()).ShouldContain("bir sürümüdür ve imzaları geçerlidir (1 imza)");
        (await foreign.Content.ReadAsStringAsync()).ShouldContain("bu doğrulama koduna ait ÖEB değil");
        var tamperedHtml = await tampered.Content.ReadAsStringAsync();
        tamperedHtml.ShouldContain("data-upload=\"failed\"");
        tamperedHtml.ShouldContain("PAGE_CONTENT_CHANGED");
    }

    [Fact]
    public async Task Objects_appended_without_an_xref_are_refused_with_the_reason_for_an_upload_and_for_the_stored_document()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        var client = fx.App.Anonymous();
        var attacked = AttackPdfs.AppendObjectWithoutXref(seeded.SignedPdf);

        var upload = await (await UploadAsync(client, seeded.VerificationCode, attacked, "oynanmis.pdf")).Content.ReadAsStringAsync();
        await fx.Seeder.ReplaceCurrentAsync(seeded.Id, attacked);
        var stored = await (await client.GetAsync("/dogrula/" + seeded.VerificationCode)).Content.ReadAsStringAsync();

        upload.ShouldContain("data-upload=\"failed\"");
        upload.ShouldContain("doğrulanamadı: Belgenin son sürümünden sonra hiçbir imzanın kapsamadığı");
        upload.ShouldContain("UNSIGNED_BYTES_AFTER_LAST_REVISION");
        stored.ShouldContain("data-verdict=\"failed\"");
        stored.ShouldContain("Belge doğrulanamadı.</strong> Belgenin son sürümünden sonra hiçbir imzanın kapsamadığı");
    }

    [Fact]
    public async Task A_non_pdf_upload_is_refused_with_a_turkish_message()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        var client = fx.App.Anonymous();

        var response = await UploadAsync(client, seeded.VerificationCode, "MZ\u0090 this is not a pdf"u8.ToArray(), "fatura.pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Yüklenen dosya PDF değil.");
    }

    [Fact]
    public async Task A_200_mb_upload_is_refused_before_it_is_read()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        var client = fx.App.Anonymous();
        using var content = new EndlessContent(200L * 1024 * 1024);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=sinir");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var response = await client.PostAsync("/dogrula/" + seeded.VerificationCode, content, timeout.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Dosya çok büyük; en çok 50 MB yüklenebilir.");
        content.Written.ShouldBeLessThan(200L * 1024 * 1024, "the server answered without reading the whole body");
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string code, byte[] bytes, string name)
    {
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/dogrula/" + code);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
        form.Add(file, "file", name);
        return await client.PostAsync("/dogrula/" + code, form);
    }

    /// <summary>A request body of the given length, produced on the fly (never held in memory).</summary>
    private sealed class EndlessContent(long length) : HttpContent
    {
        public long Written { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            try
            {
                while (Written < length)
                {
                    var n = (int)Math.Min(chunk.Length, length - Written);
                    await stream.WriteAsync(chunk.AsMemory(0, n));
                    Written += n;
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                // The server stopped reading: exactly what the test wants.
            }
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return true;
        }
    }
}

/// <summary>Guessing codes is throttled per client address, with the counters in PostgreSQL shared by every instance.</summary>
public sealed class VerificationThrottleTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Limits = new()
    {
        ["Mys:PublicVerification:MaxFailures"] = "3",
        ["Mys:PublicVerification:MaxRequests"] = "1000",
    };

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateSeededAsync(Limits);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task After_three_unknown_codes_the_address_is_refused_on_every_instance()
    {
        await using var first = new MysAppFactory(_database, Limits);
        await using var second = new MysAppFactory(_database, Limits);
        var client = first.Anonymous();

        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync($"/dogrula/AAAA-BBBB-CCCC-000{i}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var throttled = await client.GetAsync("/dogrula/AAAA-BBBB-CCCC-DDDD");
        var onOtherInstance = await second.Anonymous().GetAsync("/dogrula/AAAA-BBBB-CCCC-EEEE");

        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await throttled.Content.ReadAsStringAsync()).ShouldContain("Çok fazla deneme yaptınız.");
        throttled.Headers.RetryAfter.ShouldNotBeNull();
        onOtherInstance.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await client.GetAsync("/dogrula")).StatusCode.ShouldBe(HttpStatusCode.OK, "the empty form is always served");
    }
}
