using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Accounting;

/// <summary>Inbox, verification report, accept (B-LT) and return, as the accounting unit's staff use them.</summary>
public sealed class AccountingReviewTests(AccountingFixture fx) : IClassFixture<AccountingFixture>
{
    private static readonly Guid Au1 = DemoData.AccountingUnitId;

    private static string Tckn(Role role) => DemoData.Accounts.Single(a => a.Role == role).Tckn;

    private static string Review(Guid id) => $"/Units/{Au1}/Inbox/{id}";

    private static async Task<JsonElement> ReportAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync(Review(id) + "?handler=Json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static List<string> Problems(JsonElement report) => report.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();

    [Fact]
    public async Task The_inbox_lists_the_demo_signed_oebs_with_counts_per_state()
    {
        var client = await fx.App.LoginAsync(Tckn(Role.AccountingStaff));

        var html = await client.GetStringAsync($"/Units/{Au1}/Inbox");

        html.ShouldContain("Gelen Ödeme Emirleri");
        html.ShouldContain("DEMO/0004");
        html.ShouldContain("DEMO/0005");
        html.ShouldContain("Muhasebe Birimine Gönderildi (");
        html.ShouldNotContain("DEMO/0002", Case.Sensitive, "a draft was never sent");
        var filtered = await client.GetStringAsync($"/Units/{Au1}/Inbox?ara=DEMO/0005");
        filtered.ShouldContain("DEMO/0005");
        filtered.ShouldNotContain(">DEMO/0004<");
        var reversed = await client.GetAsync($"/Units/{Au1}/Inbox?baslangic=2030-01-02&bitis=2030-01-01");
        reversed.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a filter out of bounds answers 400 (issue 18)");
        System.Net.WebUtility.HtmlDecode(await reversed.Content.ReadAsStringAsync()).ShouldContain("Başlangıç tarihi bitiş tarihinden sonra olamaz.");
        var today = DateTime.UtcNow.AddHours(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // From the day before: the demo ÖEBs were sent when the fixture started, which may have been before midnight in Turkey.
        var yesterday = DateTime.UtcNow.AddHours(3).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await client.GetStringAsync($"/Units/{Au1}/Inbox?durum=SentToAccounting&baslangic={yesterday}&bitis={today}&birim={DemoData.SpendingUnitId}")).ShouldContain("DEMO/0004");
        (await client.GetStringAsync($"/Units/{Au1}/Inbox?baslangic=2020-01-01&bitis=2020-01-02")).ShouldNotContain("DEMO/0004");
    }

    [Fact]
    public async Task Staff_of_another_accounting_unit_and_spending_unit_staff_get_403()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        var staff = await fx.App.LoginAsync(Tckn(Role.AccountingStaff));
        var spending = await fx.App.LoginAsync(Tckn(Role.SpendingAuthority));

        (await staff.GetAsync($"/Units/{DemoData.OtherAccountingUnitId}/Inbox")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await staff.GetAsync($"/Units/{DemoData.OtherAccountingUnitId}/Inbox/{seeded.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await spending.GetAsync(Review(seeded.Id))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await spending.GetAsync($"/Units/{DemoData.SpendingUnitId}/Inbox/{seeded.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_properly_signed_oeb_has_a_green_report_as_page_json_and_pdf()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        var client = await fx.App.LoginAsync(Tckn(Role.AccountingStaff));

        var html = await client.GetStringAsync(Review(seeded.Id));
        var report = await ReportAsync(client, seeded.Id);
        var pdf = await client.GetAsync(Review(seeded.Id) + "?handler=Pdf");

        html.ShouldContain("data-verdict=\"ok\"");
        Problems(report).ShouldBeEmpty();
        report.GetProperty("allHold").GetBoolean().ShouldBeTrue();
        var signers = report.GetProperty("signers").EnumerateArray().ToList();
        signers.Select(s => s.GetProperty("role").GetString()).ShouldBe(["Gerçekleştirme Görevlisi", "Harcama Yetkilisi"]);
        signers.ShouldAllBe(s => s.GetProperty("holds").GetBoolean() && s.GetProperty("qualified").GetBoolean());
        signers[0].GetProperty("foundSigner").GetString().ShouldBe("Mehmet Demir");
        signers[0].GetProperty("certificateStatus").GetString()!.ShouldStartWith("İptal edilmemiş (OCSP");
        report.GetProperty("invoices").EnumerateArray().Single().GetProperty("kind").GetString().ShouldBe("e-Fatura");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        var check = Tools.Run("qpdf", "--check", await Tools.WriteTempAsync(bytes, ".pdf"));
        check.Code.ShouldBe(0, check.Output);
        Tools.Run("pdftotext", await Tools.WriteTempAsync(bytes, ".pdf"), "-").Output.ShouldContain("SONUÇ: OLUMLU");
    }

    [Fact]
    public async Task A_byte_flipped_in_a_signed_range_fails_with_a_hash_failure()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        await fx.Seeder.ReplaceCurrentAsync(seeded.Id, SignedPaymentOrderSeeder.FlipByteInSignedRange(seeded.SignedPdf));
        var client = await fx.App.LoginAsync(Tckn(Role.AccountingStaff));

        var report = await ReportAsync(client, seeded.Id);

        report.GetProperty("allHold").GetBoolean().ShouldBeFalse();
        var signatures = report.GetProperty("signatures").GetProperty("signatures").EnumerateArray().ToList();
        signatures.ShouldAllBe(s => s.GetProperty("subIndication").GetString() == "HASH_FAILURE");
        Problems(report).ShouldContain(p => p.StartsWith("Gerçekleştirme Görevlisi:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revision_appended_that_changes_page_content_fails_with_the_changed_object()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        await fx.Seeder.ReplaceCurrentAsync(seeded.Id, SignedPaymentOrderSeeder.AppendContentRevision(seeded.SignedPdf));
        var client = await fx.App.LoginAsync(Tckn(Role.AccountingStaff));

        var report = await ReportAsync(client, seeded.Id);

        Problems(report).ShouldContain(p => p.Contains("PAGE_CONTENT_CHANGED", StringComparison.Ordinal));
        (await AcceptAsync(client, seeded.Id)).ShouldContain("kayda alınamaz");
        (await StatusAsync(seeded.Id)).ShouldBe(PaymentOrderStatus.SentToAccounting);
    }

    [Fact]
    public async Task Objects_appended_without_an_xref_fail_and_the_report_shows_the_reason_first()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        await fx.Seeder.ReplaceCurrentAsync(seeded.Id, AttackPdfs.AppendObjectWithoutXref(seeded.SignedPdf));
        var client = await fx.App.LoginAsync(Tckn(Role.AccountingStaff));

        var report = await ReportAsync(client, seeded.Id);
        var page = await (await client.GetAsync(Review(seeded.Id))).Content.ReadAsStringAsync();

        report.GetProperty("allHold").GetBoolean().ShouldBeFalse();
        var signatures = report.GetProperty("signatures").GetProperty("signatures").EnumerateArray().ToList();
        signatures.ShouldAllBe(s => s.GetProperty("indication").GetString() == "TOTAL-FAILED" && s.GetProperty("subIndication").GetString() == "CHANGE_NOT_PERMITTED");
        var reason = report.GetProperty("signatures").GetProperty("message").GetString()!;
        reason.ShouldContain("hiçbir imzanın kapsamadığı");
        var codes = signatures[0].GetProperty("findings").EnumerateArray().Select(f => f.GetString()!.Split(':')[0]).Distinct();
        Problems(report)[0].ShouldBe($"Gerçekleştirme Görevlisi: {reason} (kod: {string.Join(", ", codes)})");
        Problems(report)[0].ShouldContain("UNSIGNED_BYTES_AFTER_LAST_REVISION");
        page.ShouldContain("data-verdict=\"failed\"");
        page.ShouldContain("Gerçekleştirme Görevlisi: Belgenin son sürümünden sonra hiçbir imzanın kapsamadığı");
        (await AcceptAsync(client, seeded.Id)).ShouldContain("kayda alınamaz");
    }

    [Fact]
    public async Task A_stripped_spending_authority_signature_is_reported_and_refused_at_accept()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        await fx.Seeder.ReplaceCurrentAsync(seeded.Id, SignedPaymentOrderSeeder.StripSecondSignature(seeded.SignedPdf));
        var client = await fx.App.LoginAsync(Tckn(Role.AccountingOfficer));

        var report = await ReportAsync(client, seeded.Id);
        var html = await AcceptAsync(client, seeded.Id);

        var second = report.GetProperty("signatures").GetProperty("signatures")[1];
        second.GetProperty("subIndication").GetString().ShouldBe("FORMAT_FAILURE");
        Problems(report).ShouldContain(p => p.StartsWith("Harcama Yetkilisi:", StringComparison.Ordinal));
        html.ShouldContain("Doğrulama raporu olumlu değil");
        (await StatusAsync(seeded.Id)).ShouldBe(PaymentOrderStatus.SentToAccounting);
    }

    [Fact]
    public async Task A_missing_spending_authority_signature_is_refused_at_accept()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        // Only the realization officer's revision: the spending authority's signature is not in the file.
        await fx.Seeder.ReplaceCurrentAsync(seeded.Id, seeded.Revisions[1]);
        var client = await fx.App.LoginAsync(Tckn(Role.AccountingOfficer));

        var html = await AcceptAsync(client, seeded.Id);

        html.ShouldContain("Harcama Yetkilisi imzası belgede yok.");
        (await StatusAsync(seeded.Id)).ShouldBe(PaymentOrderStatus.SentToAccounting);
    }

    [Fact]
    public async Task Signatures_in_the_wrong_order_are_refused_at_accept()
    {
        var seeded = await fx.Seeder.SeedSentAsync(DemoSigningOrder.SpendingAuthorityFirst);
        var client = await fx.App.LoginAsync(Tckn(Role.AccountingOfficer));

        var report = await ReportAsync(client, seeded.Id);
        var html = await AcceptAsync(client, seeded.Id);

        Problems(report).ShouldContain(p => p.StartsWith("İmza sırası yanlış: 1. imza Gerçekleştirme Görevlisi imzası olmalı", StringComparison.Ordinal));
        html.ShouldContain("İmza sırası yanlış");
        (await StatusAsync(seeded.Id)).ShouldBe(PaymentOrderStatus.SentToAccounting);
    }

    [Fact]
    public async Task Accept_adds_dss_as_an_incremental_update_that_pdfsig_accepts_and_the_report_stays_green_offline()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        var client = await fx.App.LoginAsync(Tckn(Role.AccountingStaff));

        var response = await PostAsync(client, seeded.Id, "Accept", []);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync(seeded.Id)).ShouldBe(PaymentOrderStatus.Accepted);
        var (document, pdf) = await fx.Seeder.CurrentAsync(seeded.Id);
        document.Stage.ShouldBe(SignedDocumentStage.LongTerm);
        pdf.AsSpan(0, seeded.SignedPdf.Length).SequenceEqual(seeded.SignedPdf).ShouldBeTrue("B-LT is an incremental update of the signed file");
        System.Text.Encoding.Latin1.GetString(pdf).ShouldContain("/DSS");
        var path = await Tools.WriteTempAsync(pdf, ".pdf");
        var pdfsig = Tools.Run("pdfsig", path);
        pdfsig.Output.Split("Signature is Valid.").Length.ShouldBe(3, pdfsig.Output);
        pdfsig.Output.ShouldNotContain("Digest Mismatch");
        var report = await ReportAsync(client, seeded.Id);
        Problems(report).ShouldBeEmpty();
        report.GetProperty("embeddedRevocationDataOnly").GetBoolean().ShouldBeTrue();
        report.GetProperty("signers").EnumerateArray().ShouldAllBe(s => s.GetProperty("level").GetString() == "B-LT");
        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        (await db.AuditEntries.AnyAsync(a => a.Action == "PaymentOrderAccepted" && a.EntityId == seeded.Id.ToString())).ShouldBeTrue();
        (await AcceptAsync(client, seeded.Id)).ShouldNotContain("Kayda Al</button>", Case.Sensitive, "an accepted ÖEB offers no decision");
    }

    [Fact]
    public async Task Return_needs_a_reason_which_the_spending_unit_sees_and_a_new_version_continues_the_work()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        var staff = await fx.App.LoginAsync(Tckn(Role.AccountingStaff));

        var refused = await PostAsync(staff, seeded.Id, "Return", new() { ["reason"] = "  " });
        (await refused.Content.ReadAsStringAsync()).ShouldContain("İade gerekçesi yazılmalıdır.");
        (await StatusAsync(seeded.Id)).ShouldBe(PaymentOrderStatus.SentToAccounting);

        (await PostAsync(staff, seeded.Id, "Return", new() { ["reason"] = "Fatura tarihi hatalı." })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync(seeded.Id)).ShouldBe(PaymentOrderStatus.Returned);

        var dataEntry = await fx.App.LoginAsync(Tckn(Role.DataEntryOfficer));
        var details = $"/Units/{DemoData.SpendingUnitId}/PaymentOrders/{seeded.Id}";
        var page = await dataEntry.GetStringAsync(details);
        page.ShouldContain("Fatura tarihi hatalı.");
        page.ShouldContain("Yeni Sürüm Başlat");
        var started = await MysAppFactory.PostFormAsync(dataEntry, $"{details}/NewVersion", new Dictionary<string, string>(), details);
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var next = await dataEntry.GetStringAsync(started.Headers.Location!.OriginalString);
        next.ShouldContain("Sürüm geçmişi");
        next.ShouldContain("Sürüm 1");
        next.ShouldContain("Sürüm 2");
        next.ShouldContain("Fatura tarihi hatalı.");

        // The returned, signed version stays as it was: no second new version, no edit, no accept.
        (await dataEntry.GetStringAsync(details)).ShouldNotContain("Yeni Sürüm Başlat</button>");
        (await fx.Seeder.CurrentAsync(seeded.Id)).Pdf.ShouldBe(seeded.SignedPdf);
        (await AcceptAsync(staff, seeded.Id)).ShouldContain("kayda alınamaz");
        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        (await db.AuditEntries.AnyAsync(a => a.Action == "PaymentOrderReturned" && a.EntityId == seeded.Id.ToString())).ShouldBeTrue();
    }

    private async Task<PaymentOrderStatus> StatusAsync(Guid id)
    {
        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        return await db.PaymentOrders.AsNoTracking().Where(o => o.Id == id).Select(o => o.Status).SingleAsync();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Guid id, string handler, Dictionary<string, string> fields) =>
        MysAppFactory.PostFormAsync(client, $"{Review(id)}?handler={handler}", fields);

    private static async Task<string> AcceptAsync(HttpClient client, Guid id)
    {
        var response = await PostAsync(client, id, "Accept", []);
        return response.StatusCode == HttpStatusCode.Redirect
            ? await client.GetStringAsync(response.Headers.Location!.OriginalString)
            : await response.Content.ReadAsStringAsync();
    }
}
