using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Mys.Signing.Application.Seeding;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Parties;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Invoices;
using Mys.Signing.Web.Tests.TestSuite;

namespace Mys.Signing.Web.Tests.PaymentOrders;

/// <summary>The ÖEB pages end to end: real app, real PostgreSQL, the demo organisation.</summary>
[Collection(SharedEntryAppCollection.Name)]
public sealed partial class PaymentOrderPagesTests(WebAppFixture fixture)
{
    private const string Vkn = "4540536920";
    private const string Iban = "TR330006100519786457841326";
    private static readonly Guid Su1 = DemoData.SpendingUnitId;
    private static int _counter;

    private static string DataEntryTckn => DemoData.Accounts.Single(a => a.Role == Role.DataEntryOfficer).Tckn;

    private static string Today => DateTime.UtcNow.AddHours(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int Year => DateTime.UtcNow.AddHours(3).Year;

    [Fact]
    public async Task A_data_entry_officer_creates_an_order_and_sees_it_listed_and_detailed()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var number = NextNumber();

        var id = await CreateAsync(client, number);

        var list = await TextAsync(client, $"/Units/{Su1}/PaymentOrders?sayi={Uri.EscapeDataString(number)}");
        list.ShouldContain(number);
        list.ShouldContain("1 kayıt");
        var filtered = await TextAsync(client, $"/Units/{Su1}/PaymentOrders?hakSahibi=ba%C5%9Fkent&enAz=1000&enCok=2000&durum=Draft&tur=ELEKTRIK&baslangic={Today}&bitis={Today}");
        filtered.ShouldContain(number);
        var details = await TextAsync(client, $"/Units/{Su1}/PaymentOrders/{id}");
        details.ShouldContain("Başkent Elektrik Dağıtım A.Ş.");
        details.ShouldContain("1.180,00 TL");
        details.ShouldContain("38.10.00.30-01.3.9.00-1-03.2.1.01");
        details.ShouldContain("Taslak");
        details.ShouldContain("✗ Fatura (e-Fatura veya e-Arşiv/kâğıt)", customMessage: "the checklist shows the missing invoice");

        var realization = await fixture.App.LoginAsync(DemoData.Accounts.Single(a => a.Role == Role.RealizationOfficer).Tckn);
        (await realization.GetAsync($"/Units/{Su1}/PaymentOrders/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_demo_orders_are_listed_one_of_them_awaiting_the_realization_officer()
    {
        var client = await fixture.App.LoginAsync(DemoData.Accounts.Single(a => a.Role == Role.SpendingAuthority).Tckn);

        var list = await TextAsync(client, $"/Units/{Su1}/PaymentOrders?sayi=DEMO%2F0001");

        list.ShouldContain("DEMO/0001");
        list.ShouldContain("Gerçekleştirme Görevlisi İmzası Bekleniyor");
        (await TextAsync(client, $"/Units/{Su1}/PaymentOrders?durum=Draft&hakSahibi=ba%C5%9Fkent")).ShouldContain("DEMO/0003");
    }

    [Fact]
    public async Task A_spending_instruction_is_stored_as_canonical_json_and_linked_so_the_checklist_counts_it()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var fields = OrderFields(NextNumber());
        fields["Form.ExpenseTypeCode"] = "DT_MAL";
        var id = await CreateAsync(client, fields);
        (await TextAsync(client, $"/Units/{Su1}/PaymentOrders/{id}")).ShouldContain("✗ Harcama Talimatı Onay Belgesi");
        var htobNumber = "HT-" + Guid.NewGuid().ToString("N")[..8];
        var htob = new Dictionary<string, string>
        {
            ["Input.Number"] = htobNumber, ["Input.Date"] = Today, ["Input.Subject"] = "Kırtasiye alımı", ["Input.Reason"] = "İhtiyaç",
            ["Input.LegalBasis"] = "4734 sayılı Kanun md. 22/d", ["Input.Amount"] = "1180.00", ["Input.UsableAppropriation"] = "50000.00",
            ["Input.Institutional"] = "38.10.00.30", ["Input.Functional"] = "01.3.9.00", ["Input.Financing"] = "1", ["Input.Economic"] = "03.2.1.01",
            ["Input.RealizationMethod"] = "Doğrudan Temin", ["Input.OfficerName"] = "Mehmet Demir", ["Input.OfficerTitle"] = "Şube Müdürü", ["Input.Duration"] = "30 gün",
        };
        var form = await client.GetStringAsync($"/Units/{Su1}/PaymentOrders/{id}/Htob");
        htob["FormVersion"] = FormVersionPattern().Match(form).Groups[1].Value;

        var tooMuch = new Dictionary<string, string>(htob) { ["Input.UsableAppropriation"] = "100.00" };
        var refused = await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/{id}/Htob", tooMuch);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain("Harcama talimatının tutarı kullanılabilir ödeneği aşamaz.");

        var response = await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/{id}/Htob", htob);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var details = await TextAsync(client, $"/Units/{Su1}/PaymentOrders/{id}");
        details.ShouldContain("✓ Harcama Talimatı Onay Belgesi");
        details.ShouldContain($"Harcama talimatı {htobNumber} oluşturuldu");
        var json = await fixture.Database.ScalarAsync<byte[]>($"SELECT \"CanonicalJson\" FROM \"StructuredDocuments\" WHERE \"Number\" = '{htobNumber}'");
        var text = Encoding.UTF8.GetString(json!);
        text.ShouldStartWith("{\"type\":\"HTOB\",\"schemaVersion\":1,");
        (await fixture.Database.ScalarAsync<string>($"SELECT \"Sha256\" FROM \"StructuredDocuments\" WHERE \"Number\" = '{htobNumber}'"))
            .ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(json!)));
    }

    [Fact]
    public async Task An_asset_voucher_is_stored_and_linked_and_a_bad_item_is_explained()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var fields = OrderFields(NextNumber());
        fields["Form.ExpenseTypeCode"] = "DT_MAL";
        var id = await CreateAsync(client, fields);
        (await TextAsync(client, $"/Units/{Su1}/PaymentOrders/{id}")).ShouldContain("✗ Varlık İşlem Fişi");
        var form = await client.GetStringAsync($"/Units/{Su1}/PaymentOrders/{id}/Vif");
        var number = "VIF-" + Guid.NewGuid().ToString("N")[..8];
        var vif = new Dictionary<string, string>
        {
            ["FormVersion"] = FormVersionPattern().Match(form).Groups[1].Value,
            ["Number"] = number, ["Date"] = Today, ["Kind"] = "Purchase", ["SourceDocument"] = "ABC2026000000001",
            ["Items[0].Code"] = "150.01", ["Items[0].Name"] = "A4 kâğıt", ["Items[0].Unit"] = "Paket", ["Items[0].Quantity"] = "10", ["Items[0].UnitPrice"] = "98.33", ["Items[0].VatRate"] = "20",
        };

        var bad = new Dictionary<string, string>(vif) { ["Items[0].Quantity"] = "0" };
        WebUtility.HtmlDecode(await (await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/{id}/Vif", bad)).Content.ReadAsStringAsync())
            .ShouldContain("1. kalem: Miktar sıfırdan büyük olmalı");

        var response = await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/{id}/Vif", vif);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var details = await TextAsync(client, $"/Units/{Su1}/PaymentOrders/{id}");
        details.ShouldContain("✓ Varlık İşlem Fişi");
        details.ShouldContain($"Varlık işlem fişi {number} oluşturuldu");
        (await fixture.Database.ScalarAsync<string>($"SELECT \"Type\" FROM \"StructuredDocuments\" WHERE \"Number\" = '{number}'")).ShouldBe("VIF");
    }

    [Fact]
    public async Task Wrong_checksums_are_shown_as_Turkish_messages_and_nothing_is_saved()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var number = NextNumber();
        var fields = OrderFields(number);
        fields["Form.PayeeTaxId"] = "12345678901";
        fields["Form.PayeeIban"] = "TR330006100519786457841327";

        var response = await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/Edit", fields);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, "refused forms answer 422 (issue 18)");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain(TaxId.Parse("12345678901").Error!.Message);
        html.ShouldContain(Domain.Parties.Iban.Parse("TR330006100519786457841327").Error!.Message);
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"PaymentOrders\" WHERE \"Number\" = '{number}'")).ShouldBe(0);

        fields["Form.PayeeTaxId"] = "4540536921";
        html = WebUtility.HtmlDecode(await (await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/Edit", fields)).Content.ReadAsStringAsync());
        html.ShouldContain(TaxId.Parse("4540536921").Error!.Message);
    }

    [Fact]
    public async Task Unbalanced_lines_are_shown_on_the_details_page()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var fields = OrderFields(NextNumber());
        fields["Form.Lines[1].Amount"] = "1000.00";

        var id = await CreateAsync(client, fields);

        var details = await TextAsync(client, $"/Units/{Su1}/PaymentOrders/{id}");
        details.ShouldContain("PO.LINES_UNBALANCED", Case.Sensitive);
        details.ShouldContain("Borç toplamı (1.180,00 TL) alacak toplamına (1.010,00 TL) eşit olmalıdır.");
    }

    [Fact]
    public async Task A_duplicate_number_is_refused_with_a_Turkish_message()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var number = NextNumber();
        await CreateAsync(client, number);

        var response = await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/Edit", OrderFields(number));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, "refused forms answer 422 (issue 18)");
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain("Bu belge sayısı bu harcama biriminde bu bütçe yılı için zaten kullanılmış.");
    }

    [Fact]
    public async Task A_stale_edit_is_refused()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var number = NextNumber();
        var id = await CreateAsync(client, number);
        var form = await client.GetStringAsync($"/Units/{Su1}/PaymentOrders/Edit/{id}");
        var version = FormVersionPattern().Match(form).Groups[1].Value;
        var fields = OrderFields(number);
        fields["FormVersion"] = version;
        fields["Form.Description"] = "birinci düzenleme";
        (await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/Edit/{id}", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        fields["Form.Description"] = "eski formdan ikinci düzenleme";
        var stale = await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/Edit/{id}", fields);

        stale.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, "refused forms answer 422 (issue 18)");
        WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()).ShouldContain("siz düzenlerken başka biri tarafından değiştirildi");
        (await TextAsync(client, $"/Units/{Su1}/PaymentOrders/{id}")).ShouldContain("birinci düzenleme");
    }

    [Fact]
    public async Task A_scanned_invoice_with_its_three_fields_appears_in_the_attachments_description_and_completes_the_checklist_so_submit_succeeds()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var id = await CreateAsync(client, NextNumber());

        // Submit without the invoice: every violation shown, state unchanged.
        var refused = await SubmitAsync(client, id);
        refused.ShouldContain("ÖEB imzaya gönderilemedi");
        refused.ShouldContain("R10", Case.Sensitive);
        (await StatusAsync(id)).ShouldBe(1);

        var invoiceDate = DateTime.UtcNow.AddHours(3).AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var upload = await UploadAsync(client, id, "fatura.pdf", "application/pdf", Pdf(), new()
        {
            ["documentType"] = "FATURA", ["source"] = "scan", ["invoiceNumber"] = "ABC2026000000001", ["supplierTaxId"] = Vkn, ["invoiceDate"] = invoiceDate,
        });
        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var details = await TextAsync(client, $"/Units/{Su1}/PaymentOrders/{id}");
        var shown = DateOnly.ParseExact(invoiceDate, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        details.ShouldContain($"Fatura No: ABC2026000000001; VKN: {Vkn}; Fatura Tarihi: {shown}");
        details.ShouldContain("✓ Fatura (e-Fatura veya e-Arşiv/kâğıt)");
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'PaymentOrderAttachmentUploaded' AND \"EntityId\" = '{id}'")).ShouldBe(1);

        // A second, removed again: the description follows.
        var extra = await UploadAsync(client, id, "fatura2.pdf", "application/pdf", Pdf(), new()
        {
            ["documentType"] = "FATURA", ["source"] = "scan", ["invoiceNumber"] = "ABC2026000000002", ["supplierTaxId"] = Vkn, ["invoiceDate"] = invoiceDate,
        });
        extra.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TextAsync(client, $"/Units/{Su1}/PaymentOrders/{id}")).ShouldContain("ABC2026000000002");
        var second = await fixture.Database.ScalarAsync<Guid>($"SELECT \"Id\" FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}' AND \"Invoice_InvoiceNumber\" = 'ABC2026000000002'");
        var page = await client.GetStringAsync($"/Units/{Su1}/PaymentOrders/{id}");
        var unconfirmed = await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/{id}?handler=Remove", new Dictionary<string, string>
        {
            ["attachmentId"] = second.ToString(), ["formVersion"] = SubmitVersionPattern().Match(page).Groups[1].Value,
        });
        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await unconfirmed.Content.ReadAsStringAsync()).ShouldContain("çıkarmak için onay kutusunu işaretleyin");
        (await TextAsync(client, $"/Units/{Su1}/PaymentOrders/{id}")).ShouldContain("ABC2026000000002");
        var removed = await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/{id}?handler=Remove", new Dictionary<string, string>
        {
            ["attachmentId"] = second.ToString(), ["formVersion"] = SubmitVersionPattern().Match(page).Groups[1].Value, ["confirm"] = "true",
        });
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TextAsync(client, $"/Units/{Su1}/PaymentOrders/{id}")).ShouldNotContain("ABC2026000000002");

        var submitted = await SubmitAsync(client, id);
        submitted.ShouldContain("Gerçekleştirme Görevlisi İmzası Bekleniyor");
        (await StatusAsync(id)).ShouldBe(2);
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'PaymentOrderSubmitted' AND \"EntityId\" = '{id}'")).ShouldBe(1);
    }

    [Fact]
    public async Task A_scanned_invoice_without_its_fields_is_refused_before_anything_is_stored()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var id = await CreateAsync(client, NextNumber());

        var response = await UploadAsync(client, id, "fatura.pdf", "application/pdf", Pdf(), new() { ["documentType"] = "FATURA", ["source"] = "scan" });

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain("Fatura numarası girilmelidir.");
        html.ShouldContain("Fatura tarihi girilmelidir.");
        (await AttachmentCountAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task An_executable_disguised_as_a_pdf_an_empty_file_and_a_file_over_the_limit_are_refused_and_nothing_is_saved()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var id = await CreateAsync(client, NextNumber());
        var blobs = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentBlobs\"");
        var exe = new byte[4096];
        "MZ"u8.CopyTo(exe);

        var disguised = await UploadAsync(client, id, "fatura.pdf", "application/pdf", exe, SignedScanFields());
        WebUtility.HtmlDecode(await disguised.Content.ReadAsStringAsync()).ShouldContain("Bu dosya bir çalıştırılabilir dosya");

        var empty = await UploadAsync(client, id, "bos.pdf", "application/pdf", [], SignedScanFields());
        WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()).ShouldContain("Dosya boş (0 bayt)");

        await using var small = fixture.App.WithWebHostBuilder(b => b.UseSetting("Mys:Attachments:MaxFileBytes", "2048"));
        var limited = await LoginAsync(small, DataEntryTckn);
        var large = Pdf(new string('x', 10_000));
        var tooLarge = await UploadAsync(limited, id, "buyuk.pdf", "application/pdf", large, SignedScanFields());
        WebUtility.HtmlDecode(await tooLarge.Content.ReadAsStringAsync()).ShouldContain("Dosya izin verilen boyutu (2.048 bayt) aşıyor.");

        (await AttachmentCountAsync(id)).ShouldBe(0);
        (await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentBlobs\"")).ShouldBe(blobs);
    }

    [Fact]
    public async Task An_e_fatura_is_parsed_and_linked_and_the_same_ettn_on_a_second_order_is_refused()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var first = await CreateAsync(client, NextNumber());
        var second = await CreateAsync(client, NextNumber());
        var ettn = Guid.NewGuid();
        var xml = EInvoiceXml(ettn, payable: "1100.00");

        var linked = await UploadAsync(client, first, "fatura.xml", "application/xml", xml, new() { ["documentType"] = "EFATURA" });
        linked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var details = await TextAsync(client, $"/Units/{Su1}/PaymentOrders/{first}");
        details.ShouldContain(ettn.ToString("D"));
        details.ShouldContain("e-Fatura'da elektronik imza (XAdES) bulunmuyor; imza doğrulanmadı.", customMessage: "an unsigned e-Fatura is not presented as verified");
        details.ShouldContain("e-Fatura ödenecek tutarı ÖEB'nin brüt tutarından KDV tevkifatı düşülmüş tutara eşit değil.", customMessage: "the difference is shown");

        var duplicate = await UploadAsync(client, second, "fatura.xml", "application/xml", xml, new() { ["documentType"] = "EFATURA" });
        var html = WebUtility.HtmlDecode(await duplicate.Content.ReadAsStringAsync());
        html.ShouldContain($"Bu e-Fatura (ETTN {ettn:D}) başka bir etkin ÖEB'ye");
        (await AttachmentCountAsync(second)).ShouldBe(0);

        var broken = await UploadAsync(client, second, "fatura.xml", "application/xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><Invoice/>"), new() { ["documentType"] = "EFATURA" });
        broken.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, "refused forms answer 422 (issue 18)");
        (await AttachmentCountAsync(second)).ShouldBe(0);
    }

    [Fact]
    public async Task A_signed_e_faturas_verdict_is_stored_with_the_link_shown_after_reload_and_recorded_in_the_audit_trail()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var valid = await CreateAsync(client, NextNumber());
        var altered = await CreateAsync(client, NextNumber());
        var pki = DevPkiFactory.Create(new DevPkiOptions(), TimeProvider.System);
        var seal = DevPkiFactory.IssueFinancialSeal(pki, "seal", Vkn, "Işık Kırtasiye A.Ş.", DevKeyType.Rsa2048, DateTimeOffset.UtcNow);
        var invoice = new UblTrTestInvoice { Number = "ABC2026000000321", CarriageReturnInAddress = true, IssueDate = "2025-06-05+03:00", VatRate = 18m };
        var signed = XadesTestSigner.Sign(invoice, seal);

        (await UploadAsync(client, valid, "fatura.xml", "application/xml", Encoding.UTF8.GetBytes(signed), new() { ["documentType"] = "EFATURA" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var details = await TextAsync(client, $"/Units/{Su1}/PaymentOrders/{valid}");
        details.ShouldContain("data-efatura-verdict=\"Verified\"");
        details.ShouldContain("İmzalayan: Mali Mühür — Işık Kırtasiye A.Ş. (VKN 4540536920)");
        details.ShouldContain("İmzalayan satıcının kendisi.");
        (await fixture.Database.ScalarAsync<int>($"SELECT \"EInvoiceSignature_Status\" FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{valid}'")).ShouldBe(1);
        var audit = await fixture.Database.ScalarAsync<string>(
            $"SELECT \"Changes\" FROM \"AuditEntries\" WHERE \"Action\" = 'PaymentOrderAttachmentUploaded' AND \"EntityId\" = '{valid}'");
        (audit ?? string.Empty).ShouldContain("\"signature\":\"Verified\"");
        (audit ?? string.Empty).ShouldContain("\"signerTaxId\":\"4540536920\"");

        var other = new UblTrTestInvoice { Number = "ABC2026000000322", VatRate = 18m };
        var otherSigned = XadesTestSigner.Sign(other, seal).Replace(">1180.00</cbc:PayableAmount>", ">1100.00</cbc:PayableAmount>", StringComparison.Ordinal);
        (await UploadAsync(client, altered, "fatura.xml", "application/xml", Encoding.UTF8.GetBytes(otherSigned), new() { ["documentType"] = "EFATURA" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect, "an altered e-Fatura is linked, with its verdict shown");
        var alteredPage = await TextAsync(client, $"/Units/{Su1}/PaymentOrders/{altered}");
        alteredPage.ShouldContain("data-efatura-verdict=\"Altered\"");
        alteredPage.ShouldContain("fatura içeriği imzalandıktan sonra değiştirilmiş");
        alteredPage.ShouldNotContain("data-efatura-verdict=\"Verified\"");
    }

    [Fact]
    public async Task An_upload_to_another_units_order_is_forbidden_and_an_order_is_not_found_through_another_unit()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var id = await CreateAsync(client, NextNumber());

        var other = await UploadAsync(client, id, "fatura.pdf", "application/pdf", Pdf(), SignedScanFields(), unit: DemoData.OtherSpendingUnitId);
        other.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var authority = await fixture.App.LoginAsync(DemoData.Accounts.Single(a => a.Role == Role.SpendingAuthority).Tckn);
        var asAuthority = await UploadAsync(authority, id, "fatura.pdf", "application/pdf", Pdf(), SignedScanFields());
        asAuthority.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a spending authority may view but not upload");

        (await AttachmentCountAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task Without_javascript_the_form_post_with_the_token_field_also_uploads()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var id = await CreateAsync(client, NextNumber());
        var fields = SignedScanFields();
        fields["__RequestVerificationToken"] = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Profile");

        var response = await UploadAsync(client, id, "sozlesme.pdf", "application/pdf", Pdf(), fields, withHeader: false);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AttachmentCountAsync(id)).ShouldBe(1);
    }

    [Fact]
    public async Task The_script_upload_gets_json_with_the_Turkish_refusal()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var id = await CreateAsync(client, NextNumber());

        var response = await UploadAsync(client, id, "bos.pdf", "application/pdf", [], SignedScanFields(), xhr: true);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var json = await response.Content.ReadAsStringAsync();
        json.ShouldContain("\"ok\":false");
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("message").GetString()!.ShouldStartWith("Dosya boş (0 bayt)");
    }

    private static Dictionary<string, string> SignedScanFields() => new() { ["documentType"] = "SOZLESME", ["source"] = "scan", ["carriesSignatures"] = "true" };

    private static string NextNumber() => string.Create(CultureInfo.InvariantCulture, $"T{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..8]}");

    private static Dictionary<string, string> OrderFields(string number) => new()
    {
        ["Form.Number"] = number,
        ["Form.DocumentDate"] = Today,
        ["Form.BudgetYear"] = Year.ToString(CultureInfo.InvariantCulture),
        ["Form.ExpenseTypeCode"] = "ELEKTRIK",
        ["Form.Institutional"] = "38.10.00.30",
        ["Form.Functional"] = "01.3.9.00",
        ["Form.Financing"] = "1",
        ["Form.Economic"] = "03.2.1.01",
        ["Form.Lines[0].Account"] = "630", ["Form.Lines[0].Side"] = "B", ["Form.Lines[0].Amount"] = "1180.00",
        ["Form.Lines[1].Account"] = "320.01", ["Form.Lines[1].Side"] = "A", ["Form.Lines[1].Amount"] = "1170.00",
        ["Form.Lines[2].Account"] = "360", ["Form.Lines[2].Side"] = "A", ["Form.Lines[2].Amount"] = "10.00",
        ["Form.PayeeName"] = "Başkent Elektrik Dağıtım A.Ş.",
        ["Form.PayeeTaxId"] = Vkn,
        ["Form.PayeeTaxOffice"] = "Çankaya",
        ["Form.PayeeIban"] = Iban,
        ["Form.PayeeBank"] = "Ziraat Bankası",
        ["Form.Gross"] = "1180.00",
        ["Form.StampDuty"] = "10.00",
        ["Form.Description"] = "Elektrik bedeli",
    };

    private static Task<Guid> CreateAsync(HttpClient client, string number) => CreateAsync(client, OrderFields(number));

    private static async Task<Guid> CreateAsync(HttpClient client, Dictionary<string, string> fields)
    {
        var response = await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/Edit", fields);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException("Create failed: " + WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }

        var location = response.Headers.Location!.OriginalString;
        return Guid.Parse(location[(location.LastIndexOf('/') + 1)..]);
    }

    private static async Task<string> SubmitAsync(HttpClient client, Guid id)
    {
        var page = await client.GetStringAsync($"/Units/{Su1}/PaymentOrders/{id}");
        var version = SubmitVersionPattern().Match(page).Groups[1].Value;
        var response = await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/{id}?handler=Submit", new Dictionary<string, string> { ["formVersion"] = version });
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return await TextAsync(client, response.Headers.Location!.OriginalString);
        }

        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client, Guid id, string fileName, string mediaType, byte[] content, Dictionary<string, string> fields, Guid? unit = null, bool withHeader = true, bool xhr = false)
    {
        var token = withHeader ? await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Profile") : null;
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/Units/{unit ?? Su1}/PaymentOrders/{id}?handler=Upload") { Content = form };
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        if (xhr)
        {
            request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        }

        return await client.SendAsync(request);
    }

    private static async Task<HttpClient> LoginAsync(WebApplicationFactory<Program> factory, string tckn)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Tckn"] = tckn, ["Password"] = MysAppFactory.DemoPassword, ["__RequestVerificationToken"] = token,
        });
        (await client.PostAsync("/Account/Login", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private static async Task<string> TextAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

    private Task<int> StatusAsync(Guid id) => fixture.Database.ScalarAsync<int>($"SELECT \"Status\" FROM \"PaymentOrders\" WHERE \"Id\" = '{id}'");

    private Task<long> AttachmentCountAsync(Guid id) => fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}'");

    private static byte[] Pdf(string body = "1 0 obj << /Type /Catalog >> endobj") =>
        Encoding.ASCII.GetBytes($"%PDF-1.7\n% {Guid.NewGuid()}\n{body}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static byte[] EInvoiceXml(Guid ettn, string payable) => Encoding.UTF8.GetBytes($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
                 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
                 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
          <cbc:UBLVersionID>2.1</cbc:UBLVersionID>
          <cbc:CustomizationID>TR1.2</cbc:CustomizationID>
          <cbc:ProfileID>TEMELFATURA</cbc:ProfileID>
          <cbc:ID>ABC2026000000123</cbc:ID>
          <cbc:UUID>{ettn:D}</cbc:UUID>
          <cbc:IssueDate>{DateTime.UtcNow.AddDays(-5):yyyy-MM-dd}</cbc:IssueDate>
          <cbc:InvoiceTypeCode>SATIS</cbc:InvoiceTypeCode>
          <cbc:DocumentCurrencyCode>TRY</cbc:DocumentCurrencyCode>
          <cac:AccountingSupplierParty><cac:Party>
            <cac:PartyIdentification><cbc:ID schemeID="VKN">{Vkn}</cbc:ID></cac:PartyIdentification>
          </cac:Party></cac:AccountingSupplierParty>
          <cac:LegalMonetaryTotal>
            <cbc:PayableAmount currencyID="TRY">{payable}</cbc:PayableAmount>
          </cac:LegalMonetaryTotal>
        </Invoice>
        """);

    [GeneratedRegex("name=\"FormVersion\" value=\"([0-9]+)\"")]
    private static partial Regex FormVersionPattern();

    [GeneratedRegex("name=\"formVersion\" value=\"([0-9]+)\"")]
    private static partial Regex SubmitVersionPattern();
}
