using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Tests.TestSuite;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Web.Tests.PaymentOrders;

[Collection(SharedDemoAppCollection.Name)]
public sealed class PaymentOrderPreviewTests(WebAppFixture fixture)
{
    [Fact]
    public async Task The_preview_is_a_valid_pdf_with_the_oeb_fields_and_marked_as_a_preview()
    {
        var client = await fixture.App.LoginAsync(DemoData.Accounts.Single(a => a.Role == Role.DataEntryOfficer).Tckn);
        Guid id;
        string number;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
            var order = await db.PaymentOrders.AsNoTracking().FirstAsync(o => o.SpendingUnitId == DemoData.SpendingUnitId);
            (id, number) = (order.Id, order.Number.Value);
        }

        var response = await client.GetAsync($"/Units/{DemoData.SpendingUnitId}/PaymentOrders/{id}/Pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var file = Path.Combine(Path.GetTempPath(), $"oeb-preview-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        try
        {
            ExternalTools.Run("qpdf", "--check", file).ExitCode.ShouldBe(0);
            var text = ExternalTools.Run("pdftotext", file, "-").Output;
            text.ShouldContain(number);
            text.ShouldContain("ÖNİZLEME");
            text.ShouldContain(DemoData.SpendingUnitName);
            text.ShouldNotContain("imzalanmıştır");
            text.ShouldNotContain("5070 sayılı");
            text.ShouldContain("hukuki geçerliliği yoktur");
            // The accounting lines as on the paper form: the debit first, each with its name from the chart of accounts.
            text.ShouldContain("Giderler Hesabı");
            text.ShouldContain("Bütçe Emanetleri Hesabı");
            text.IndexOf("Giderler Hesabı", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("Bütçe Emanetleri Hesabı", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_oeb_of_another_unit_is_not_found_through_this_units_route()
    {
        var client = await fixture.App.LoginAsync(DemoData.Accounts.Single(a => a.Role == Role.DataEntryOfficer).Tckn);

        (await client.GetAsync($"/Units/{DemoData.SpendingUnitId}/PaymentOrders/{Guid.NewGuid()}/Pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
