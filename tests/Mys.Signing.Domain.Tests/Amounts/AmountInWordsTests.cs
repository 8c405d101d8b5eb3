using Mys.Signing.Domain.Amounts;

namespace Mys.Signing.Domain.Tests.Amounts;

public sealed class AmountInWordsTests
{
    [Theory]
    [InlineData(1234.56, "Yalnız BinİkiYüzOtuzDört TL ElliAltı Kr")]
    [InlineData(1000, "Yalnız Bin TL")]
    [InlineData(1001, "Yalnız BinBir TL")]
    [InlineData(1000000, "Yalnız BirMilyon TL")]
    [InlineData(1001000, "Yalnız BirMilyonBin TL")]
    [InlineData(2000000000, "Yalnız İkiMilyar TL")]
    [InlineData(100, "Yalnız Yüz TL")]
    [InlineData(101, "Yalnız YüzBir TL")]
    [InlineData(21000, "Yalnız YirmiBirBin TL")]
    [InlineData(101000, "Yalnız YüzBirBin TL")]
    [InlineData(999999.99, "Yalnız DokuzYüzDoksanDokuzBinDokuzYüzDoksanDokuz TL DoksanDokuz Kr")]
    [InlineData(10.05, "Yalnız On TL Beş Kr")]
    [InlineData(0.56, "Yalnız ElliAltı Kr")]
    [InlineData(0, "Yalnız Sıfır TL")]
    [InlineData(60, "Yalnız Altmış TL")]
    [InlineData(1180, "Yalnız BinYüzSeksen TL")]
    public void Amounts_are_written_in_turkish(double amount, string expected)
    {
        AmountInWords.ToTurkish(Money.From((decimal)amount)).ShouldBe(expected);
    }

    [Fact]
    public void Negative_amounts_are_refused()
    {
        Should.Throw<Common.DomainException>(() => AmountInWords.ToTurkish(Money.From(-1m)));
    }

    [Fact]
    public void Plain_numbers_can_be_written_too()
    {
        AmountInWords.NumberToTurkish(0).ShouldBe("Sıfır");
        AmountInWords.NumberToTurkish(3_456_789).ShouldBe("ÜçMilyonDörtYüzElliAltıBinYediYüzSeksenDokuz");
    }
}

public sealed class AmountInWordsLimitTests
{
    [Fact]
    public void The_largest_amount_money_holds_is_written_and_larger_ones_are_no_money()
    {
        const string Nines = "DokuzYüzDoksanDokuz";
        AmountInWords.ToTurkish(Money.From(Money.MaxAmount)).ShouldBe(
            $"Yalnız DokuzKatrilyon{Nines}Trilyon{Nines}Milyar{Nines}Milyon{Nines}Bin{Nines} TL DoksanDokuz Kr");
        AmountInWords.ToTurkish(Money.From(1_000_000_000_000m)).ShouldBe("Yalnız BirTrilyon TL");
        // Money stops at the amount columns' numeric(18, 2) (issue 18), well below what words refuse.
        Should.Throw<Common.DomainException>(() => Money.From(AmountInWords.MaxAmount)).Code.ShouldBe("MONEY_RANGE");
    }
}
