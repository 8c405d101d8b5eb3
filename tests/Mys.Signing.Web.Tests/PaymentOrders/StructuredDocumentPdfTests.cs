using System.Globalization;
using System.Net;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Web.Tests.PaymentOrders;

/// <summary>HTOB / VİF as PDF from the details page: rendered from the stored canonical JSON, deterministic, qpdf-clean.</summary>
public sealed partial class PaymentOrderPagesTests
{
    [Fact]
    public async Task A_linked_spending_instruction_is_viewable_and_downloadable_as_a_deterministic_valid_pdf()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var fields = OrderFields(NextNumber());
        fields["Form.ExpenseTypeCode"] = "DT_MAL";
        var id = await CreateAsync(client, fields);
        var form = await client.GetStringAsync($"/Units/{Su1}/PaymentOrders/{id}/Htob");
        var htob = new Dictionary<string, string>
        {
            ["Input.Number"] = "HT-" + Guid.NewGuid().ToString("N")[..8], ["Input.Date"] = Today, ["Input.Subject"] = "Kırtasiye alımı (ığüşöç)", ["Input.Reason"] = "İhtiyaç",
            ["Input.LegalBasis"] = "4734 sayılı Kanun md. 22/d", ["Input.Amount"] = "1180.00", ["Input.UsableAppropriation"] = "50000.00",
            ["Input.Institutional"] = "38.10.00.30", ["Input.Functional"] = "01.3.9.00", ["Input.Financing"] = "1", ["Input.Economic"] = "03.2.1.01",
            ["Input.RealizationMethod"] = "Doğrudan Temin", ["Input.OfficerName"] = "Mehmet Demir", ["Input.OfficerTitle"] = "Şube Müdürü", ["Input.Duration"] = "30 gün",
            ["FormVersion"] = FormVersionPattern().Match(form).Groups[1].Value,
        };
        (await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/{id}/Htob", htob)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var documentId = await fixture.Database.ScalarAsync<string>($"SELECT \"StructuredDocumentId\" FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}' AND \"DocumentTypeCode\" = 'HTOB'");
        var url = $"/Units/{Su1}/PaymentOrders/{id}/Belgeler/{documentId}/Pdf";
        var htobAttachment = await fixture.Database.ScalarAsync<Guid>($"SELECT \"Id\" FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}' AND \"DocumentTypeCode\" = 'HTOB'");
        (await client.GetStringAsync($"/Units/{Su1}/PaymentOrders/{id}")).ShouldContain($"/Units/{Su1}/PaymentOrders/{id}/Ekler/{htobAttachment}");

        var first = await client.GetByteArrayAsync(url);
        var second = await client.GetByteArrayAsync(url);
        var download = await client.GetAsync(url + "?download=true");

        first.SequenceEqual(second).ShouldBeTrue("the same stored document renders to the same bytes");
        (await client.GetByteArrayAsync($"/Units/{Su1}/PaymentOrders/{id}/Ekler/{htobAttachment}")).SequenceEqual(first)
            .ShouldBeTrue("the ÖEB page's attachment link gives the same rendering");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        (await download.Content.ReadAsByteArrayAsync()).SequenceEqual(first).ShouldBeTrue();
        var file = Path.Combine(Path.GetTempPath(), $"htob-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, first);
        try
        {
            ExternalTools.Run("qpdf", "--check", file).ExitCode.ShouldBe(0);
            var text = ExternalTools.Run("pdftotext", file, "-").Output;
            text.ShouldContain("HARCAMA TALİMATI ONAY BELGESİ");
            text.ShouldContain("Kırtasiye alımı (ığüşöç)");
            text.ShouldContain(1180m.ToString("N2", CultureInfo.GetCultureInfo("tr-TR")) + " TL");
        }
        finally
        {
            File.Delete(file);
        }

        var other = await CreateAsync(client, NextNumber());
        (await client.GetAsync($"/Units/{Su1}/PaymentOrders/{other}/Belgeler/{documentId}/Pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "only through an ÖEB it is linked to");
    }
}
