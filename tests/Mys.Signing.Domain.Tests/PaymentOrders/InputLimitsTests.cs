using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

/// <summary>Every limit of what a person types into an ÖEB, both sides of it, with the Turkish refusal (issue 18).</summary>
public sealed class InputLimitsTests
{
    private static readonly TaxId Vkn = TaxId.Parse("4540536920").Value;
    private static readonly Iban Account = Iban.Parse("TR330006100519786457841326").Value;

    private static PaymentOrder Draft() => new PaymentOrderBuilder().Build();

    [Fact]
    public void A_description_of_exactly_the_column_size_is_kept_and_one_character_more_is_refused_in_Turkish()
    {
        var order = Draft();

        order.SetDescription(new string('a', PaymentOrderLimits.DescriptionLength)).IsSuccess.ShouldBeTrue();
        var refused = order.SetDescription(new string('b', PaymentOrderLimits.DescriptionLength + 1));

        refused.Error!.Code.ShouldBe("TEXT_TOO_LONG");
        refused.Error.Message.ShouldBe("Açıklama en fazla 2000 karakter olabilir (2001 karakter girildi).");
        order.Description.ShouldBe(new string('a', PaymentOrderLimits.DescriptionLength), "the refused text changed nothing");
    }

    [Fact]
    public void A_description_may_have_several_lines_but_no_NUL_or_bidi_override()
    {
        var order = Draft();

        order.SetDescription("Birinci satır\r\nikinci satır\tsekmeli").IsSuccess.ShouldBeTrue();
        order.SetDescription("bedel\0").Error!.Code.ShouldBe("TEXT_CONTROL");
        order.SetDescription("bedel \u202Eliart").Error!.Message.ShouldContain("yazı yönünü değiştiren");
    }

    [Theory]
    [InlineData("Başkent \u202EElektrik")] // right-to-left override
    [InlineData("Başkent\u2066 Elektrik")] // isolate
    [InlineData("Başkent\0Elektrik")]
    [InlineData("Başkent\u0007Elektrik")]
    [InlineData("Başkent\r\nElektrik")]
    public void A_payee_name_with_control_or_bidi_characters_is_refused(string name)
    {
        var refused = Payee.Create(name, Vkn, null, Account, null);

        refused.IsSuccess.ShouldBeFalse();
        refused.Error!.Message.ShouldContain("Hak sahibinin adı/unvanı");
    }

    [Fact]
    public void A_payee_name_with_a_lone_surrogate_is_refused_as_it_cannot_be_stored_as_UTF8()
    {
        Payee.Create("Başkent " + '\uD800' + " Elektrik", Vkn, null, Account, null).IsSuccess.ShouldBeFalse();
        Payee.Create("Başkent " + '\uDC00', Vkn, null, Account, null).IsSuccess.ShouldBeFalse();
    }

    [Fact]
    public void A_payee_name_in_Turkish_with_an_emoji_and_combining_marks_is_accepted()
    {
        Payee.Create("Çağrı Öztürk İnşaat Ltd. Şti. 🏗 e\u0301", Vkn, "Çankaya", Account, "Ziraat Bankası").IsSuccess.ShouldBeTrue();
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void Tax_office_and_bank_name_are_limited_to_their_columns(int length, bool accepted)
    {
        Payee.Create("Ali", Vkn, new string('v', length), Account, null).IsSuccess.ShouldBe(accepted);
        var bank = Payee.Create("Ali", Vkn, null, Account, new string('b', length));
        bank.IsSuccess.ShouldBe(accepted);
        if (!accepted)
        {
            bank.Error!.Message.ShouldBe("Banka adı en fazla 100 karakter olabilir (101 karakter girildi).");
        }
    }

    [Fact]
    public void Amounts_beyond_the_numeric_18_2_column_are_refused_and_the_largest_one_that_fits_is_accepted()
    {
        Money.Parse("9999999999999999.99").IsSuccess.ShouldBeTrue();
        Money.Of(-Money.MaxAmount).IsSuccess.ShouldBeTrue();

        var overflow = Money.Parse("1234567890123456789012345678"); // 28 digits: a decimal, but not a numeric(18, 2)
        overflow.Error!.Code.ShouldBe("MONEY_RANGE");
        overflow.Error.Message.ShouldStartWith("Tutar çok büyük");
        Money.Parse("10000000000000000").Error!.Code.ShouldBe("MONEY_RANGE");
        Money.Parse("99999999999999999999999999999999").Error!.Code.ShouldBe("MONEY_RANGE"); // beyond even a decimal
    }

    [Fact]
    public void Deductions_as_large_as_or_larger_than_the_gross_amount_are_refused_at_entry()
    {
        var order = Draft();
        var before = order.NetPayable;

        var larger = order.SetAmounts(Money.From(100m), Deductions.Create(stampDuty: Money.From(500m)).Value);
        var equal = order.SetAmounts(Money.From(100m), Deductions.Create(other: Money.From(100m)).Value);

        larger.Error!.Code.ShouldBe("PO_NET_NOT_POSITIVE");
        larger.Error.Message.ShouldContain("ödenecek tutar sıfırdan büyük olmalıdır");
        equal.Error!.Code.ShouldBe("PO_NET_NOT_POSITIVE");
        order.NetPayable.ShouldBe(before, "nothing of a refused change is kept");
        order.SetAmounts(Money.From(100m), Deductions.Create(other: Money.From(99.99m)).Value).IsSuccess.ShouldBeTrue();
        order.NetPayable.ShouldBe(Money.From(0.01m));
        order.SetAmounts(Money.Zero, Deductions.None).IsSuccess.ShouldBeTrue("a draft may still have no amounts");
    }

    [Theory]
    [InlineData(1, 1, 1, false)]
    [InlineData(1999, 12, 31, false)]
    [InlineData(2000, 1, 1, true)]
    [InlineData(2100, 12, 31, true)]
    [InlineData(2101, 1, 1, false)]
    [InlineData(9999, 12, 31, false)]
    public void Document_dates_outside_2000_to_2100_are_refused_when_created_and_when_changed(int year, int month, int day, bool accepted)
    {
        var date = new DateOnly(year, month, day);

        var created = PaymentOrder.Create(Guid.NewGuid(), DocumentNumber.From("1"), date, 2025, SpendingUnit, AccountingUnit, "ELEKTRIK", DataEntry, Now);
        var changed = Draft().ChangeHeader(DocumentNumber.From("2"), date);

        created.IsSuccess.ShouldBe(accepted);
        changed.IsSuccess.ShouldBe(accepted);
        if (!accepted)
        {
            created.Error!.Message.ShouldBe("Belge tarihi 01.01.2000 ile 31.12.2100 arasında olmalıdır.");
        }
    }

    [Fact]
    public void Invoice_fields_are_limited_to_their_columns_and_free_of_control_characters()
    {
        var date = new DateOnly(2025, 1, 2);
        InvoiceDetails.Create(new string('F', 50), new string('1', 20), date).IsSuccess.ShouldBeTrue();

        InvoiceDetails.Create(new string('F', 51), "4540536920", date).Error!.Message.ShouldBe("Fatura numarası en fazla 50 karakter olabilir (51 karakter girildi).");
        InvoiceDetails.Create("ABC\0", "4540536920", date).Error!.Code.ShouldBe("TEXT_CONTROL");
        InvoiceDetails.Create("ABC", new string('1', 21), date).Error!.Message.ShouldStartWith("Faturayı düzenleyenin VKN/TCKN'si en fazla 20 karakter");
        InvoiceDetails.Create("ABC", "4540536920", DateOnly.MinValue).Error!.Message.ShouldStartWith("Fatura tarihi 01.01.2000");
    }

    [Fact]
    public void A_file_name_as_received_is_refused_over_255_characters_or_with_a_NUL()
    {
        AttachmentFileName.Check(new string('a', 251) + ".pdf").IsSuccess.ShouldBeTrue();
        AttachmentFileName.Check(new string('a', 252) + ".pdf").Error!.Message.ShouldStartWith("Dosya adı en fazla 255 karakter olabilir (256 karakter)");
        AttachmentFileName.Check("fatura\0.pdf").Error!.Code.ShouldBe("FILE_NAME_INVALID");
        AttachmentFileName.Check("fatura\u202Efdp.exe").IsSuccess.ShouldBeTrue("removed by Clean, not refused");
    }

    [Fact]
    public void The_limits_are_the_database_column_sizes()
    {
        // The same numbers the EF model declares (PaymentOrderConfiguration reads them from PaymentOrderLimits).
        (PaymentOrderLimits.DescriptionLength, PaymentOrderLimits.TaxOfficeLength, PaymentOrderLimits.BankNameLength).ShouldBe((2000, 100, 100));
        (PaymentOrderLimits.InvoiceNumberLength, PaymentOrderLimits.SupplierTaxIdLength, PaymentOrderLimits.FileNameLength).ShouldBe((50, 20, 255));
        PaymentOrderLimits.MaxAmount.ShouldBe(decimal.Parse("9999999999999999.99", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Typed_text_is_trimmed_and_blank_becomes_null()
    {
        TypedText.Check("  Çankaya  ", "Vergi dairesi", 100).Value.ShouldBe("Çankaya");
        TypedText.Check("   ", "Vergi dairesi", 100).Value.ShouldBeNull();
    }
}
