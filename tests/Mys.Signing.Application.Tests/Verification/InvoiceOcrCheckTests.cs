using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.Invoices.Comparisons;
using Mys.Signing.Domain.Invoices;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Ocr;
using static Mys.Signing.Application.Tests.Verification.ReportTestData;

namespace Mys.Signing.Application.Tests.Verification;

public class InvoiceOcrCheckTests
{
    private static readonly InvoiceDetails Typed = new("ABC2026000000123", PayeeVkn, new DateOnly(2026, 11, 20));

    private static InvoiceOcrResult Read(string text) => new()
    {
        Sha256 = "ab12", Status = InvoiceOcrStatus.Read, Text = text, Engine = "tesseract", AttemptedAt = Now,
    };

    [Fact]
    public void An_image_not_read_yet_is_pending_without_fields()
    {
        var line = InvoiceOcrCheck.Line(Typed, null);

        line.State.ShouldBe(InvoiceOcrLine.Pending);
        line.Fields.ShouldBeEmpty();
    }

    [Fact]
    public void A_failed_read_says_why_and_compares_nothing()
    {
        var failed = new InvoiceOcrResult { Sha256 = "ab12", Status = InvoiceOcrStatus.Failed, Error = "tesseract çalışmadı", AttemptedAt = Now };

        var line = InvoiceOcrCheck.Line(Typed, failed);

        line.State.ShouldBe(InvoiceOcrLine.Failed);
        line.Reason.ShouldBe("tesseract çalışmadı");
        line.Fields.ShouldBeEmpty();
        InvoiceOcrCheck.Line(Typed, new InvoiceOcrResult { Sha256 = "ab12", Status = InvoiceOcrStatus.Failed }).Reason.ShouldBe("bilinmeyen hata");
    }

    [Fact]
    public void A_read_image_with_the_typed_values_agrees()
    {
        var line = InvoiceOcrCheck.Line(Typed, Read($"Fatura No: ABC2026000000123\nVKN: {PayeeVkn}\nFatura Tarihi: 20.11.2026"));

        line.State.ShouldBe(InvoiceOcrLine.Read);
        line.Engine.ShouldBe("tesseract");
        line.For("Fatura no")!.Outcome.ShouldBe(OcrFieldOutcome.Agrees);
        line.For("VKN/TCKN")!.Outcome.ShouldBe(OcrFieldOutcome.Agrees);
    }

    [Fact]
    public void A_read_image_with_another_number_disagrees()
    {
        var line = InvoiceOcrCheck.Line(Typed, Read("Fatura No: XYZ2026000000999"));

        line.For("Fatura no")!.Outcome.ShouldBe(OcrFieldOutcome.Disagrees);
    }
}
