using System.Text;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Amounts;

/// <summary>
/// Writes an amount in Turkish words for the ÖEB printout ("yazıyla").
/// Format: <c>Yalnız {lira} TL {kuruş} Kr</c>, words joined without spaces, each word capitalised, Turkish
/// orthography ("Bin", not "BirBin"; "Yüz", not "BirYüz"; but "BirMilyon").
/// The kuruş part is left out when it is zero ("Yalnız Bin TL"); the lira part is left out when the amount
/// is below one lira ("Yalnız ElliAltı Kr"); zero is "Yalnız Sıfır TL".
/// Example: 1.234,56 → "Yalnız BinİkiYüzOtuzDört TL ElliAltı Kr". Negative amounts are refused.
/// </summary>
public static class AmountInWords
{
    /// <summary>Amounts from one katrilyon (10^18) up are refused.</summary>
    public const decimal MaxAmount = 1_000_000_000_000_000_000m;

    private static readonly string[] Ones = ["", "Bir", "İki", "Üç", "Dört", "Beş", "Altı", "Yedi", "Sekiz", "Dokuz"];
    private static readonly string[] Tens = ["", "On", "Yirmi", "Otuz", "Kırk", "Elli", "Altmış", "Yetmiş", "Seksen", "Doksan"];
    private static readonly string[] Scales = ["", "Bin", "Milyon", "Milyar", "Trilyon", "Katrilyon"];

    public static string ToTurkish(Money amount)
    {
        if (amount.IsNegative)
        {
            throw new DomainException("AMOUNT_WORDS_NEGATIVE", "Eksi tutar yazıyla yazılamaz.");
        }

        if (amount.Amount >= MaxAmount)
        {
            throw new DomainException("AMOUNT_WORDS_TOO_LARGE", "Tutar yazıyla yazılamayacak kadar büyük.");
        }

        var lira = amount.Lira;
        var kurus = amount.Kurus;
        var builder = new StringBuilder("Yalnız ", 96);
        if (lira == 0 && kurus == 0)
        {
            return builder.Append("Sıfır TL").ToString();
        }

        if (lira > 0)
        {
            AppendNumber(builder, lira);
            builder.Append(" TL");
        }

        if (kurus > 0)
        {
            if (lira > 0)
            {
                builder.Append(' ');
            }

            AppendNumber(builder, kurus);
            builder.Append(" Kr");
        }

        return builder.ToString();
    }

    /// <summary>A positive whole number in words, e.g. 1001 → "BinBir".</summary>
    public static string NumberToTurkish(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        if (number == 0)
        {
            return "Sıfır";
        }

        var builder = new StringBuilder(64);
        AppendNumber(builder, number);
        return builder.ToString();
    }

    private static void AppendNumber(StringBuilder builder, long number)
    {
        Span<int> groups = stackalloc int[7];
        var count = 0;
        while (number > 0)
        {
            groups[count++] = (int)(number % 1000);
            number /= 1000;
        }

        for (var scale = count - 1; scale >= 0; scale--)
        {
            var group = groups[scale];
            if (group == 0)
            {
                continue;
            }

            // "Bin" alone for exactly one thousand in its group: 1000 → Bin, 1001 → BinBir, 21000 → YirmiBirBin.
            if (!(scale == 1 && group == 1))
            {
                AppendHundreds(builder, group);
            }

            builder.Append(Scales[scale]);
        }
    }

    private static void AppendHundreds(StringBuilder builder, int group)
    {
        var hundreds = group / 100;
        var tens = group / 10 % 10;
        var ones = group % 10;
        if (hundreds > 0)
        {
            if (hundreds > 1)
            {
                builder.Append(Ones[hundreds]);
            }

            builder.Append("Yüz");
        }

        builder.Append(Tens[tens]).Append(Ones[ones]);
    }
}
