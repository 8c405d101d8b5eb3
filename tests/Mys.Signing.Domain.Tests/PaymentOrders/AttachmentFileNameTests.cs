using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

public sealed class AttachmentFileNameTests
{
    [Fact]
    public void An_ordinary_Turkish_name_is_kept_as_it_is()
    {
        AttachmentFileName.Clean("Fatura Şubat 2026 (İzmir).pdf").ShouldBe("Fatura Şubat 2026 (İzmir).pdf");
    }

    [Fact]
    public void Line_breaks_and_tabs_become_one_space_so_no_extra_line_can_be_printed()
    {
        AttachmentFileName.Clean("fatura\r\nSHA-256: 00AA\n\tsahte.pdf").ShouldBe("fatura SHA-256: 00AA sahte.pdf");
        AttachmentFileName.Clean("a\u2028b\u2029c\u0085d.pdf").ShouldBe("a b c d.pdf");
    }

    [Fact]
    public void A_right_to_left_override_cannot_reverse_the_extension()
    {
        // "fatura‮fdp.exe" shows as "fatura" + "exe.pdf" reversed on the page.
        var cleaned = AttachmentFileName.Clean("fatura\u202Efdp.exe");

        cleaned.ShouldBe("faturafdp.exe");
        cleaned.ShouldNotContain('\u202E');
    }

    [Theory]
    [InlineData('\u202A')]
    [InlineData('\u202B')]
    [InlineData('\u202C')]
    [InlineData('\u202D')]
    [InlineData('\u202E')]
    [InlineData('\u2066')]
    [InlineData('\u2067')]
    [InlineData('\u2068')]
    [InlineData('\u2069')]
    [InlineData('\u200E')]
    [InlineData('\u200F')]
    [InlineData('\u061C')]
    [InlineData('\u200B')]
    [InlineData('\u200C')]
    [InlineData('\u200D')]
    [InlineData('\u2060')]
    [InlineData('\uFEFF')]
    [InlineData('\u0000')]
    [InlineData('\u0007')]
    [InlineData('\u001B')]
    [InlineData('\u007F')]
    [InlineData('\u0080')]
    [InlineData('\u009B')]
    [InlineData('\u009F')]
    public void Every_control_bidi_and_invisible_character_is_removed(char bad)
    {
        AttachmentFileName.Clean($"ek{bad}li.pdf").ShouldBe("ekli.pdf");
    }

    [Fact]
    public void The_name_is_composed_to_NFC()
    {
        // "ş" as s + combining cedilla, "İ" as I + combining dot above.
        var decomposed = "s\u0327ube I\u0307zmir.pdf";

        var cleaned = AttachmentFileName.Clean(decomposed);

        cleaned.ShouldBe("şube İzmir.pdf");
        cleaned.IsNormalized(System.Text.NormalizationForm.FormC).ShouldBeTrue();
    }

    [Fact]
    public void Surrounding_space_is_trimmed_and_runs_of_space_collapse()
    {
        AttachmentFileName.Clean("  \u200B rapor    son.pdf \r\n").ShouldBe("rapor son.pdf");
    }

    [Fact]
    public void Path_separators_cannot_turn_the_name_into_a_path()
    {
        AttachmentFileName.Clean("../../etc/passwd").ShouldBe(".._.._etc_passwd");
        AttachmentFileName.Clean("C:\\belgeler\\fatura.pdf").ShouldBe("C:_belgeler_fatura.pdf");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\t")]
    [InlineData("\u202E\u200B\u2066")]
    [InlineData(".")]
    [InlineData("..")]
    public void Nothing_printable_left_gives_the_fallback(string? name)
    {
        AttachmentFileName.Clean(name).ShouldBe(AttachmentFileName.Fallback);
    }

    [Fact]
    public void A_long_name_is_cut_to_the_limit_keeping_its_extension()
    {
        var cleaned = AttachmentFileName.Clean(new string('a', 300) + ".pdf");

        cleaned.Length.ShouldBe(AttachmentFileName.MaxLength);
        cleaned.ShouldEndWith("a.pdf");
    }

    [Fact]
    public void A_long_name_is_never_cut_inside_a_surrogate_pair_or_a_letter_with_its_mark()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F4C4", 100)) + ".pdf"; // 200 UTF-16 units + 4
        var cleaned = AttachmentFileName.Clean(emoji);

        cleaned.Length.ShouldBeLessThanOrEqualTo(AttachmentFileName.MaxLength);
        cleaned.ShouldEndWith(".pdf");
        char.IsHighSurrogate(cleaned[^5]).ShouldBeFalse("the last character before the extension must not be half a pair");
        cleaned.Normalize().ShouldBe(cleaned);
    }

    [Fact]
    public void A_name_within_the_limit_is_not_shortened()
    {
        var name = new string('b', AttachmentFileName.MaxLength - 4) + ".pdf";

        AttachmentFileName.Clean(name).ShouldBe(name);
    }

    [Fact]
    public void Repeated_names_are_numbered_before_the_extension_ignoring_case()
    {
        AttachmentFileName.Distinct(["fatura.pdf", "tutanak.pdf", "FATURA.pdf", "fatura.pdf", "fatura (2).pdf"])
            .ShouldBe(["fatura.pdf", "tutanak.pdf", "FATURA (3).pdf", "fatura (4).pdf", "fatura (2).pdf"]);
    }

    [Fact]
    public void Distinct_names_stay_within_the_limit()
    {
        var name = new string('c', AttachmentFileName.MaxLength - 4) + ".pdf";

        var names = AttachmentFileName.Distinct([name, name]);

        names[0].ShouldBe(name);
        names[1].Length.ShouldBeLessThanOrEqualTo(AttachmentFileName.MaxLength);
        names[1].ShouldEndWith(" (2).pdf");
    }
}
