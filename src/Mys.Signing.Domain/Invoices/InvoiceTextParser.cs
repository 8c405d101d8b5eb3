using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mys.Signing.Domain.Parties;

namespace Mys.Signing.Domain.Invoices;

/// <summary>A value read from an invoice image's text; <paramref name="Labelled"/> when a label such as "Fatura No" or "VKN" precedes it.</summary>
public sealed record ReadCandidate<T>(T Value, string Raw, bool Labelled);

/// <summary>
/// What an invoice image's OCR text says: candidate invoice numbers, the supplier's VKN/TCKN (checksum-valid only),
/// the buyer's ids (in the "SAYIN"/"Alıcı" block, never the supplier's), labelled ids whose check digits fail (kept
/// raw, never repaired) and invoice dates (due, dispatch and payment dates are left out).
/// </summary>
public sealed record InvoiceTextReading(
    IReadOnlyList<ReadCandidate<string>> InvoiceNumbers,
    IReadOnlyList<ReadCandidate<string>> SupplierTaxIds,
    IReadOnlyList<string> BuyerTaxIds,
    IReadOnlyList<string> InvalidTaxIds,
    IReadOnlyList<ReadCandidate<DateOnly>> InvoiceDates)
{
    /// <summary>Every whitespace-separated token of the text, for finding a typed invoice number that no label announced.</summary>
    public IReadOnlyList<string> Tokens { get; init; } = [];
}

/// <summary>
/// Parses tesseract's text of a scanned e-Arşiv or paper invoice (Turkish). Tolerates the usual OCR confusions inside
/// numbers — O/o→0, I/l/|→1, Z→2, S→5, G/b→6, B→8, g→9 — and digit groups split by spaces, one character for one
/// character read: it never adds, drops or guesses a digit, so a number whose check digits fail stays unread instead of
/// being "corrected" into some valid number.
/// </summary>
public static partial class InvoiceTextParser
{
    private const int MaxIdLength = 11;

    private enum LabelKind
    {
        Number,
        Series,
        TaxId,
        InvoiceDate,

        /// <summary>A label whose value is none of ours (phone, IBAN, ETTN, due date…): its numbers are not candidates.</summary>
        Other,
    }

    public static InvoiceTextReading Parse(string? text)
    {
        var numbers = new List<ReadCandidate<string>>();
        var supplier = new List<ReadCandidate<string>>();
        var buyer = new List<string>();
        var invalid = new List<string>();
        var dates = new List<ReadCandidate<DateOnly>>();
        var tokens = new List<string>();
        var lines = (text ?? string.Empty).Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var inBuyerBlock = false;
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            if (string.IsNullOrWhiteSpace(line))
            {
                inBuyerBlock = false;
                continue;
            }

            tokens.AddRange(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            var folded = Fold(line);
            if (SellerMarker().IsMatch(folded))
            {
                inBuyerBlock = false;
            }

            if (BuyerMarker().IsMatch(folded))
            {
                inBuyerBlock = true;
            }

            var labels = Labels(folded);
            string? series = null;
            for (var i = 0; i <= labels.Count; i++)
            {
                var start = i == 0 ? 0 : labels[i - 1].End;
                var end = i < labels.Count ? labels[i].Start : line.Length;
                if (i == 0)
                {
                    Unlabelled(line[..end], inBuyerBlock, supplier, buyer, dates);
                    continue;
                }

                var kind = labels[i - 1].Kind;
                var segment = line[start..end];
                if (string.IsNullOrWhiteSpace(segment.Trim(' ', ':', '.', '/', '-', '\t')) && i == labels.Count)
                {
                    // The value is under its label (table layouts): take the next non-empty line.
                    segment = NextNonEmpty(lines, n);
                }

                switch (kind)
                {
                    case LabelKind.Number:
                        if (InvoiceNumberAt(segment) is { } number)
                        {
                            // A paper invoice's "Seri A ... Sıra No 012345": the whole number first, the sequence alone also counts.
                            if (series is not null)
                            {
                                numbers.Add(new ReadCandidate<string>(series + number, series + " " + number, true));
                            }

                            numbers.Add(new ReadCandidate<string>(number, number, true));
                        }

                        break;
                    case LabelKind.Series:
                        series = InvoiceNumberAt(segment);
                        break;
                    case LabelKind.TaxId:
                        LabelledTaxIds(segment, inBuyerBlock || BuyerMarker().IsMatch(folded[..labels[i - 1].Start]), supplier, buyer, invalid);
                        break;
                    case LabelKind.InvoiceDate:
                        foreach (var (date, raw) in Dates(segment))
                        {
                            dates.Add(new ReadCandidate<DateOnly>(date, raw, true));
                        }

                        break;
                }
            }

            foreach (var token in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                if (GibInvoiceNumber(token) is { } gib && !numbers.Exists(c => c.Value == gib))
                {
                    numbers.Add(new ReadCandidate<string>(gib, token, true));
                }
            }
        }

        return new InvoiceTextReading(Distinct(numbers), Distinct(supplier), buyer.Distinct(StringComparer.Ordinal).ToList(),
            invalid.Distinct(StringComparer.Ordinal).ToList(), Distinct(dates))
        {
            Tokens = tokens,
        };
    }

    /// <summary>
    /// The comparison form of an invoice number: upper case, letters and digits only, OCR look-alikes folded to one
    /// character (so "ABC2O24…" read from the image equals "ABC2024…" typed). For comparing only, never shown.
    /// </summary>
    public static string ComparableNumber(string? value)
    {
        var builder = new StringBuilder(value?.Length ?? 0);
        foreach (var c in Fold(value ?? string.Empty))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(DigitFor(c) ?? c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Upper-cases and drops Turkish diacritics one character for one (positions stay the same), for matching labels.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] switch
                {
                    'ç' or 'Ç' => 'C',
                    'ğ' or 'Ğ' => 'G',
                    'ı' or 'İ' or 'i' or 'î' or 'Î' => 'I',
                    'ö' or 'Ö' => 'O',
                    'ş' or 'Ş' => 'S',
                    'ü' or 'Ü' or 'û' or 'Û' => 'U',
                    'â' or 'Â' => 'A',
                    var c => char.ToUpperInvariant(c),
                };
            }
        });
    }

    private static List<ReadCandidate<T>> Distinct<T>(List<ReadCandidate<T>> candidates)
    {
        // Keep the first of each value, preferring a labelled reading.
        var result = new List<ReadCandidate<T>>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Labelled))
        {
            if (!result.Exists(r => EqualityComparer<T>.Default.Equals(r.Value, candidate.Value)))
            {
                result.Add(candidate);
            }
        }

        return result;
    }

    private static List<(int Start, int End, LabelKind Kind)> Labels(string folded)
    {
        var labels = new List<(int Start, int End, LabelKind Kind)>();
        foreach (Match match in LabelPattern().Matches(folded))
        {
            LabelKind kind;
            if (match.Groups["number"].Success)
            {
                kind = LabelKind.Number;
            }
            else if (match.Groups["series"].Success)
            {
                kind = LabelKind.Series;
            }
            else if (match.Groups["taxid"].Success)
            {
                kind = LabelKind.TaxId;
            }
            else if (match.Groups["date"].Success)
            {
                kind = LabelKind.InvoiceDate;
            }
            else
            {
                kind = LabelKind.Other;
            }

            labels.Add((match.Index, match.Index + match.Length, kind));
        }

        return labels;
    }

    private static string NextNonEmpty(string[] lines, int n)
    {
        for (var k = n + 1; k < lines.Length && k <= n + 2; k++)
        {
            if (!string.IsNullOrWhiteSpace(lines[k]))
            {
                return lines[k];
            }
        }

        return string.Empty;
    }

    // Numbers before any label: a whole 10/11-character token that is a valid id, or a date.
    private static void Unlabelled(string segment, bool inBuyerBlock, List<ReadCandidate<string>> supplier, List<string> buyer, List<ReadCandidate<DateOnly>> dates)
    {
        foreach (var token in segment.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (DigitsOf(token.Trim(TokenPunctuation)) is { } digits && TaxId.IsValid(digits))
            {
                if (inBuyerBlock)
                {
                    buyer.Add(digits);
                }
                else
                {
                    supplier.Add(new ReadCandidate<string>(digits, token, false));
                }
            }
        }

        foreach (var (date, raw) in Dates(segment))
        {
            dates.Add(new ReadCandidate<DateOnly>(date, raw, false));
        }
    }

    private static readonly char[] TokenPunctuation = [':', '.', ',', ';', '(', ')', '[', ']', '/', '-', '"', '\''];

    // After "VKN"/"TCKN"…: runs of digit-like tokens, joined across spaces up to 11 characters.
    private static void LabelledTaxIds(string segment, bool buyerSide, List<ReadCandidate<string>> supplier, List<string> buyer, List<string> invalid)
    {
        var run = new StringBuilder();
        var raw = new StringBuilder();
        void Flush()
        {
            if (run.Length >= 9)
            {
                var digits = run.ToString();
                if (TaxId.IsValid(digits))
                {
                    if (buyerSide)
                    {
                        buyer.Add(digits);
                    }
                    else
                    {
                        supplier.Add(new ReadCandidate<string>(digits, raw.ToString(), true));
                    }
                }
                else if (!buyerSide)
                {
                    invalid.Add(digits);
                }
            }

            run.Clear();
            raw.Clear();
        }

        foreach (var token in segment.Split([' ', '\t', ':'], StringSplitOptions.RemoveEmptyEntries))
        {
            var digits = DigitsOf(token.Trim(TokenPunctuation));
            if (digits is null)
            {
                Flush();
                continue;
            }

            if (run.Length + digits.Length > MaxIdLength)
            {
                Flush();
            }

            run.Append(digits);
            raw.Append(raw.Length > 0 ? " " : string.Empty).Append(token);
        }

        Flush();
    }

    // A token of digits and look-alike letters, at least half of them real digits → its digits; else null.
    private static string? DigitsOf(string token)
    {
        if (token.Length == 0)
        {
            return null;
        }

        var real = 0;
        var builder = new StringBuilder(token.Length);
        foreach (var c in token)
        {
            if (char.IsAsciiDigit(c))
            {
                real++;
                builder.Append(c);
            }
            else if (DigitFor(c) is { } digit)
            {
                builder.Append(digit);
            }
            else
            {
                return null;
            }
        }

        return real * 2 >= token.Length ? builder.ToString() : null;
    }

    private static char? DigitFor(char c) => c switch
    {
        'O' or 'o' or 'Q' or 'D' => '0',
        'I' or 'l' or '|' or 'i' or 'ı' or 'İ' or '!' => '1',
        'Z' or 'z' => '2',
        'S' or 's' or '$' => '5',
        'G' or 'b' => '6',
        'B' => '8',
        'g' => '9',
        _ => null,
    };

    // The value after an invoice-number label: upper-case letters, digits, '-' and '/', up to 30 characters.
    private static string? InvoiceNumberAt(string segment)
    {
        var builder = new StringBuilder();
        foreach (var token in segment.Split([' ', '\t', ':'], StringSplitOptions.RemoveEmptyEntries))
        {
            var value = token.Trim(TokenPunctuation);
            if (value.Length == 0 || builder.Length + value.Length > 30 || !value.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c) || c is '-' or '/' || DigitFor(c) is not null))
            {
                break;
            }

            // A word (letters only, longer than a series) ends the number: "Fatura No: A 123 Tarih".
            if (builder.Length > 0 && value.All(char.IsAsciiLetter) && value.Length > 3)
            {
                break;
            }

            builder.Append(value);
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    // GİB's 16-character numbering anywhere: 3 letters/digits, the year (20xx) and a 9-digit sequence.
    private static string? GibInvoiceNumber(string token)
    {
        var value = token.Trim(TokenPunctuation);
        if (value.Length != 16 || !value[..3].All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        var digits = DigitsOf(value[3..]);
        return digits is not null && digits.StartsWith("20", StringComparison.Ordinal) && value[..3].Any(char.IsAsciiLetterUpper)
            ? value[..3] + digits
            : null;
    }

    private static IEnumerable<(DateOnly Date, string Raw)> Dates(string segment)
    {
        foreach (Match match in NumericDate().Matches(segment))
        {
            var day = DigitsOf(match.Groups["d"].Value);
            var month = DigitsOf(match.Groups["m"].Value);
            var year = DigitsOf(match.Groups["y"].Value);
            if (day is not null && month is not null && year is not null
                && Make(int.Parse(year, CultureInfo.InvariantCulture), int.Parse(month, CultureInfo.InvariantCulture), int.Parse(day, CultureInfo.InvariantCulture)) is { } date)
            {
                yield return (date, match.Value);
            }
        }

        var folded = Fold(segment);
        foreach (Match match in NamedMonthDate().Matches(folded))
        {
            var day = DigitsOf(match.Groups["d"].Value);
            var year = DigitsOf(match.Groups["y"].Value);
            var month = Array.IndexOf(Months, match.Groups["m"].Value) + 1;
            if (day is not null && year is not null && month > 0
                && Make(int.Parse(year, CultureInfo.InvariantCulture), month, int.Parse(day, CultureInfo.InvariantCulture)) is { } date)
            {
                yield return (date, segment.Substring(match.Index, match.Length));
            }
        }
    }

    private static readonly string[] Months = ["OCAK", "SUBAT", "MART", "NISAN", "MAYIS", "HAZIRAN", "TEMMUZ", "AGUSTOS", "EYLUL", "EKIM", "KASIM", "ARALIK"];

    private static DateOnly? Make(int year, int month, int day) =>
        year is >= 2000 and <= 2099 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?<d>[0-9OoIlSZB|]{1,2}) ?[./-] ?(?<m>[0-9OoIlSZB|]{1,2}) ?[./-] ?(?<y>[0-9OoIlSZB|]{4})(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"(?<![0-9A-Z])(?<d>[0-9OIlSZB]{1,2})\s+(?<m>OCAK|SUBAT|MART|NISAN|MAYIS|HAZIRAN|TEMMUZ|AGUSTOS|EYLUL|EKIM|KASIM|ARALIK)\s+(?<y>[0-9OIlSZB]{4})(?![0-9A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex NamedMonthDate();

    [GeneratedRegex(@"\b(SAYIN|ALICI|MUSTERI)\b", RegexOptions.CultureInvariant)]
    private static partial Regex BuyerMarker();

    [GeneratedRegex(@"\b(SATICI|DUZENLEYEN|FATURA\s+BILGILERI)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SellerMarker();

    // Order matters where labels overlap: the first alternative that matches at a position wins. OCR often drops the
    // space inside a label ("SıraNo") or reads it as '-' or '.', so words within a label may touch or be joined so.
    [GeneratedRegex(
        @"(?<date>\b(FATURA|DUZENLEME|DUZENLENME)[\s.-]*TARIHI?\b|\bTARIH\b)"
        + @"|(?<other>\b(VADE|SEVK|IRSALIYE|SIPARIS|SON[\s.-]*ODEME|ODEME)[\s.-]*(TARIHI?|NO)?\b|\bETTN\b|\bTEL(EFON)?\b|\bFAKS\b|\bFAX\b|\bGSM\b|\bIBAN\b|\bMERSIS\b|\bTICARET[\s.-]*SICIL|\bSICIL[\s.-]*NO\b|\bHESAP[\s.-]*NO\b|\bOZELLESTIRME\b|\bPOSTA[\s.-]*KODU\b|\bWEB\b|\bE-?POSTA\b)"
        + @"|(?<number>\bFATURA[\s.-]*(NO|NUMARASI|NUMARA|SIRA[\s.-]*NO)\b|\bBELGE[\s.-]*NO\b|\bSIRA[\s.-]*NO\b|\bSERI\s*/\s*SIRA[\s.-]*NO\b)"
        + @"|(?<series>SERI\b)"
        + @"|(?<taxid>\bV\.?\s?K\.?\s?N\.?(\s*/\s*T\.?\s?C\.?\s?K\.?\s?N\.?)?|\bT\.?\s?C\.?\s?K\.?\s?N\.?|\bVERGI[\s.-]*(KIMLIK[\s.-]*)?(NO|NUMARASI)\b|\bVERGI[\s.-]*DAIRESI\b|\bV\.\s?D\.?|\bV\.\s?NO\b|\b(T\.?\s?C\.?\s*)?KIMLIK[\s.-]*(NO|NUMARASI)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();
}
