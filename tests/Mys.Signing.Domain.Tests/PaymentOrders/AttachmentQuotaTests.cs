using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

public sealed class AttachmentQuotaTests
{
    // 12,345 (scanned invoice) + 50,000 (signed scan) + 0 (e-Fatura link: no file)
    private static PaymentOrder Order() => new PaymentOrderBuilder().WithAttachments(ScannedInvoice(), SignedScan("SOZLESME"), EInvoiceLink()).Build();

    [Fact]
    public void The_total_counts_the_files_and_a_linked_document_as_zero()
    {
        AttachmentQuota.TotalBytes(Order()).ShouldBe(62_345);
        AttachmentQuota.RemainingBytes(Order(), 100_000).ShouldBe(37_655);
        AttachmentQuota.RemainingBytes(Order(), 1_000).ShouldBe(0);
    }

    [Fact]
    public void A_file_that_fits_exactly_is_accepted()
    {
        AttachmentQuota.Check(Order(), 37_655, 100_000).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void A_file_one_byte_over_is_refused_with_a_Turkish_message_naming_the_limit_and_what_is_left()
    {
        var result = AttachmentQuota.Check(Order(), 37_656, 100_000);

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(AttachmentQuota.ErrorCode);
        result.Error.Message.ShouldBe("Bu ÖEB'nin eklerinin toplam boyutu en çok 97,7 KB olabilir; şu an 60,9 KB dolu, bu dosya için en çok 36,8 KB yer kaldı.");
    }

    [Fact]
    public void A_full_order_refuses_even_a_small_file()
    {
        AttachmentQuota.Check(Order(), 1, 62_345).Error!.Message.ShouldContain("en çok 0 bayt yer kaldı");
    }
}
