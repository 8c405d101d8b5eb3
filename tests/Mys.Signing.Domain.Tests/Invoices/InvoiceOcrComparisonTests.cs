using Mys.Signing.Domain.Invoices.Comparisons;
using Mys.Signing.Domain.Invoices;
using Mys.Signing.Domain.PaymentOrders;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.Invoices;

public sealed class InvoiceOcrComparisonTests
{
    // Roughly what tesseract prints for a GİB e-Arşiv invoice: seller block, buyer block, invoice data, distractors.
    private const string EArchive = """
        ÖRNEK ENERJİ SANAYİ VE TİCARET A.Ş.
        Atatürk Bulvarı No: 12 Çankaya / ANKARA
        Tel: 0312 555 12 34 Faks: 0312 555 12 35
        Vergi Dairesi: Çankaya VKN: 4540536920
        Mersis No: 0454053692000015

        SAYIN
        MYS ÜNİVERSİTESİ STRATEJİ DAİRE BAŞKANLIĞI
        Vergi Dairesi: Kavaklıdere VKN: 1234567890

        Özelleştirme No: TR1.2
        Senaryo: EARSIVFATURA
        Fatura Tipi: SATIS
        Fatura No: ABC2025000000123
        Fatura Tarihi: 05-06-2025
        Son Ödeme Tarihi: 20-06-2025
        ETTN: e093a490-dd99-11dd-ad8b-0800200c9a66

        IBAN: TR33 0006 1005 1978 6457 8413 26
        """;

    private static InvoiceDetails Typed(string? number = "ABC2025000000123", string? taxId = ValidVkn, DateOnly? date = null) =>
        new(number, taxId, date ?? new DateOnly(2025, 6, 5));

    private static IReadOnlyList<OcrFieldCheck> Compare(InvoiceDetails typed, string text) => InvoiceOcrComparison.Compare(typed, InvoiceTextParser.Parse(text));

    [Fact]
    public void Every_field_of_a_cleanly_read_e_archive_invoice_agrees()
    {
        var checks = Compare(Typed(), EArchive);

        checks.Select(c => c.Outcome).ShouldBe([OcrFieldOutcome.Agrees, OcrFieldOutcome.Agrees, OcrFieldOutcome.Agrees]);
        checks[1].Read.ShouldBe(ValidVkn);
        checks[2].Read.ShouldBe("05.06.2025");
    }

    [Fact]
    public void The_buyers_vkn_the_due_date_and_the_ettn_are_not_taken_for_the_invoice_fields()
    {
        var reading = InvoiceTextParser.Parse(EArchive);

        reading.SupplierTaxIds.Select(c => c.Value).ShouldBe([ValidVkn]);
        reading.BuyerTaxIds.ShouldBe([OtherValidVkn]);
        reading.InvoiceDates.Select(d => d.Value).ShouldBe([new DateOnly(2025, 6, 5)]);
        reading.InvoiceNumbers.Select(n => n.Value).ShouldBe(["ABC2025000000123"]);
    }

    [Fact]
    public void A_mistyped_invoice_number_tax_id_and_date_each_disagree_with_both_values()
    {
        var checks = Compare(Typed("ABC2025000000132", "1112223339", new DateOnly(2025, 6, 20)), EArchive);

        checks.ShouldAllBe(c => c.Outcome == OcrFieldOutcome.Disagrees);
        checks[0].Typed.ShouldBe("ABC2025000000132");
        checks[0].Read.ShouldBe("ABC2025000000123");
        checks[1].Read.ShouldBe(ValidVkn);
        checks[2].Typed.ShouldBe("20.06.2025");
        checks[2].Read.ShouldBe("05.06.2025");
    }

    [Fact]
    public void Typing_the_buyers_vkn_for_the_supplier_is_flagged()
    {
        var check = Compare(Typed(taxId: OtherValidVkn), EArchive)[1];

        check.Outcome.ShouldBe(OcrFieldOutcome.Disagrees);
        check.Read.ShouldBe(ValidVkn);
    }

    [Fact]
    public void Typical_ocr_confusions_inside_numbers_and_split_digit_groups_are_read()
    {
        const string text = """
            Fatura No: ABC2O25OOOOOO123
            V.K.N.: 454 O53 692O
            Düzenleme Tarihi: O5.O6.2O25
            """;

        var checks = Compare(Typed(), text);

        checks.Select(c => c.Outcome).ShouldBe([OcrFieldOutcome.Agrees, OcrFieldOutcome.Agrees, OcrFieldOutcome.Agrees]);
        checks[1].Read.ShouldBe(ValidVkn);
    }

    [Fact]
    public void A_number_whose_check_digit_fails_is_not_read_and_never_corrected()
    {
        const string text = """
            Fatura No: ABC2025000000123
            VKN: 4540536921
            Fatura Tarihi: 05.06.2025
            """;

        var check = Compare(Typed(), text)[1];

        check.Outcome.ShouldBe(OcrFieldOutcome.NotRead);
        check.Read.ShouldBeNull();
        check.Note!.ShouldContain("4540536921");
        InvoiceTextParser.Parse(text).SupplierTaxIds.ShouldBeEmpty();
    }

    [Fact]
    public void A_digit_missing_from_the_read_number_is_not_guessed()
    {
        // 454053692 (nine digits): prefixing or appending any digit could make a valid VKN; none is tried.
        var reading = InvoiceTextParser.Parse("VKN: 454053692\nTCKN: 1000000014");

        reading.SupplierTaxIds.ShouldBeEmpty();
        reading.InvalidTaxIds.ShouldBe(["454053692", "1000000014"]);
    }

    [Fact]
    public void A_person_supplier_is_read_by_tckn()
    {
        var check = Compare(Typed(taxId: ValidTckn), "Serbest Meslek\nT.C. Kimlik No: 1000 0000 146\nFatura No: ABC2025000000123")[1];

        check.Outcome.ShouldBe(OcrFieldOutcome.Agrees);
        check.Read.ShouldBe(ValidTckn);
    }

    [Theory]
    [InlineData("Fatura Tarihi: 05/06/2025")]
    [InlineData("Fatura Tarihi: 5 Haziran 2025")]
    [InlineData("FATURA TARİHİ : 05 HAZİRAN 2025")]
    [InlineData("Tarih: 05.06.2025")]
    [InlineData("Düzenleme Tarihi\n05-06-2025")]
    public void Invoice_dates_are_read_in_every_usual_format(string text)
    {
        InvoiceTextParser.Parse(text).InvoiceDates.Single().ShouldBe(new ReadCandidate<DateOnly>(new DateOnly(2025, 6, 5), InvoiceTextParser.Parse(text).InvoiceDates[0].Raw, true));
    }

    [Theory]
    [InlineData("Fatura Tarihi: 31.02.2025")]
    [InlineData("Fatura Tarihi: 05.13.2025")]
    [InlineData("Vade Tarihi: 05.06.2025")]
    [InlineData("İrsaliye Tarihi: 05.06.2025")]
    public void Impossible_dates_and_other_dates_are_not_invoice_dates(string text)
    {
        InvoiceTextParser.Parse(text).InvoiceDates.ShouldBeEmpty();
    }

    [Fact]
    public void A_paper_invoice_series_and_sequence_number_agree_with_or_without_the_series()
    {
        const string text = "Seri: A  Sıra No: 012345\nTarih: 05.06.2025\nV.D. Çankaya 4540536920";

        Compare(Typed("A 012345"), text)[0].Outcome.ShouldBe(OcrFieldOutcome.Agrees);
        Compare(Typed("012345"), text)[0].Outcome.ShouldBe(OcrFieldOutcome.Agrees);
        Compare(Typed("A 012354"), text)[0].Outcome.ShouldBe(OcrFieldOutcome.Disagrees);
        Compare(Typed("A 012345"), text)[1].Outcome.ShouldBe(OcrFieldOutcome.Agrees);
    }

    [Fact]
    public void A_sequence_number_read_without_its_series_confirms_the_typed_number_but_another_sequence_does_not()
    {
        const string text = "Belge No: 520564\nTarih: 05.06.2025";

        var agrees = Compare(Typed("E 520564"), text)[0];
        var differs = Compare(Typed("E 520546"), text)[0];

        agrees.Outcome.ShouldBe(OcrFieldOutcome.Agrees);
        agrees.Note.ShouldBe("Seri okunamadı; sıra numarası aynı.");
        differs.Outcome.ShouldBe(OcrFieldOutcome.Disagrees);
        Compare(Typed("E 520564"), "İseri: E Sıra No: 520564")[0].Read.ShouldBe("E 520564", "a stray letter before Seri");
    }

    [Fact]
    public void A_label_whose_words_ocr_joined_is_still_a_label()
    {
        var checks = Compare(Typed("A 953967", "7295274328"), "Seri: A SıraNo: 953967\nV.D.: Maltepe V.No: 7295274328\nVergiKimlikNo: 7295274328");

        checks[0].Outcome.ShouldBe(OcrFieldOutcome.Agrees);
        checks[0].Read.ShouldBe("A 953967");
        checks[1].Outcome.ShouldBe(OcrFieldOutcome.Agrees);
    }

    [Fact]
    public void Two_columns_merged_on_one_line_with_a_hyphenated_label_still_find_the_typed_supplier()
    {
        // Tesseract read "Satıcı | Alıcı" side by side: the buyer's id follows the seller's tax office on one line.
        const string text = "Satıcı  Alıcı\n\nVergi Dairesi: Ostim Vergi Kimlik No: 1234567890:\n\nVergi Kimlik-No: 7295274328";

        var check = Compare(Typed(taxId: "7295274328"), text)[1];

        check.Outcome.ShouldBe(OcrFieldOutcome.Agrees);
    }

    [Fact]
    public void Unlabelled_values_confirm_what_was_typed_but_never_contradict_it()
    {
        const string text = "ABC2025000000123\n4540536920\n05.06.2025";

        Compare(Typed(), text).Select(c => c.Outcome).ShouldBe([OcrFieldOutcome.Agrees, OcrFieldOutcome.Agrees, OcrFieldOutcome.Agrees]);
        Compare(Typed("XYZ-77", "1234567890", new DateOnly(2025, 1, 1)), text).Select(c => c.Outcome)
            .ShouldBe([OcrFieldOutcome.Disagrees, OcrFieldOutcome.NotRead, OcrFieldOutcome.NotRead], "the GİB-format number counts as labelled");
    }

    [Fact]
    public void A_typed_number_found_as_plain_tokens_agrees_when_no_label_was_read()
    {
        var check = Compare(Typed("2025/00417"), "Makbuz 2025 / 00417 tutarında")[0];

        check.Outcome.ShouldBe(OcrFieldOutcome.Agrees);
        check.Read.ShouldBe("2025 / 00417");
    }

    [Fact]
    public void Empty_or_unrelated_text_reads_nothing()
    {
        var checks = Compare(Typed(), "lorem ipsum\n\n  \n");

        checks.ShouldAllBe(c => c.Outcome == OcrFieldOutcome.NotRead && c.Read == null);
        InvoiceOcrComparison.Compare(Typed(), InvoiceTextParser.Parse(null)).ShouldAllBe(c => c.Outcome == OcrFieldOutcome.NotRead);
    }

    [Fact]
    public void Garbage_text_never_throws_and_every_id_read_is_checksum_valid()
    {
        const string alphabet = "0123456789OIlSBZG|:./- \nVKNTCFaturNoSeriSıraTarihiSAYINşğüöçİı";
        var rng = new Random(7);
        for (var n = 0; n < 2000; n++)
        {
            var text = new string(Enumerable.Range(0, rng.Next(0, 200)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());

            var reading = InvoiceTextParser.Parse(text);

            reading.SupplierTaxIds.ShouldAllBe(c => Mys.Signing.Domain.Parties.TaxId.IsValid(c.Value));
            reading.BuyerTaxIds.ShouldAllBe(id => Mys.Signing.Domain.Parties.TaxId.IsValid(id));
            InvoiceOcrComparison.Compare(Typed(), reading).Count.ShouldBe(3);
        }
    }

    [Fact]
    public void Nothing_typed_against_a_labelled_reading_disagrees()
    {
        var checks = Compare(new InvoiceDetails(null, null, null), EArchive);

        checks.ShouldAllBe(c => c.Outcome == OcrFieldOutcome.Disagrees && c.Typed == null && c.Read != null);
    }
}
