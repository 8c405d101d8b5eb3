using System.Globalization;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Invoices.Comparisons;

/// <summary>How a typed invoice field compares with what OCR read from the invoice image.</summary>
public enum OcrFieldOutcome
{
    /// <summary>Nothing usable was read for the field (no label, or a number whose check digits fail).</summary>
    NotRead = 0,

    /// <summary>The typed value was read from the image.</summary>
    Agrees = 1,

    /// <summary>A labelled value was read and it is not what was typed.</summary>
    Disagrees = 2,
}

/// <summary>One R9 field: what was typed, what the image says (when read) and a Turkish note for the reviewer.</summary>
public sealed record OcrFieldCheck(string Field, string Label, OcrFieldOutcome Outcome, string? Typed, string? Read, string? Note);

/// <summary>
/// Compares the R9 fields typed for a scanned invoice (<see cref="InvoiceDetails"/>) with an <see cref="InvoiceTextReading"/>.
/// A field disagrees only when a labelled value ("Fatura No:", "VKN:", "Fatura Tarihi:") was read and differs; an
/// unlabelled number or date can confirm a typed value but never contradicts it, because OCR text also holds phone
/// numbers, the buyer's ids and other dates; when labelled readings exist, only they count. Invoice numbers compare
/// letters and digits only, OCR look-alikes folded.
/// </summary>
public static class InvoiceOcrComparison
{
    public const string InvoiceNumberField = "invoiceNo";
    public const string SupplierTaxIdField = "supplierTaxId";
    public const string InvoiceDateField = "invoiceDate";

    /// <summary>A typed number shorter than this is confirmed only by a labelled reading, not by a token found anywhere.</summary>
    private const int MinFreeTextNumberLength = 5;

    public static IReadOnlyList<OcrFieldCheck> Compare(InvoiceDetails typed, InvoiceTextReading reading)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(reading);
        return [Number(typed.InvoiceNumber?.Trim(), reading), TaxIdentity(typed.SupplierTaxId?.Trim(), reading), Date(typed.InvoiceDate, reading)];
    }

    private static OcrFieldCheck Number(string? typed, InvoiceTextReading reading)
    {
        const string label = "Fatura no";
        var wanted = InvoiceTextParser.ComparableNumber(typed);
        var labelled = reading.InvoiceNumbers.Where(c => c.Labelled).ToList();
        var pool = labelled.Count > 0 ? labelled : reading.InvoiceNumbers.ToList();
        var match = wanted.Length == 0 ? null : pool.Find(c => string.Equals(InvoiceTextParser.ComparableNumber(c.Value), wanted, StringComparison.Ordinal));
        if (match is not null)
        {
            return new OcrFieldCheck(InvoiceNumberField, label, OcrFieldOutcome.Agrees, typed, match.Raw, null);
        }

        // A paper invoice typed as "A 012345" whose series OCR missed: the sequence number read still confirms it.
        var sequence = SequenceAfterSeries(typed);
        var bySequence = sequence is null ? null : labelled.Find(c => string.Equals(InvoiceTextParser.ComparableNumber(c.Value), sequence, StringComparison.Ordinal));
        if (bySequence is not null)
        {
            return new OcrFieldCheck(InvoiceNumberField, label, OcrFieldOutcome.Agrees, typed, bySequence.Raw, "Seri okunamadı; sıra numarası aynı.");
        }

        if (labelled.Count > 0)
        {
            return new OcrFieldCheck(InvoiceNumberField, label, OcrFieldOutcome.Disagrees, typed, labelled[0].Raw, "Görüntüden okunan fatura numarası girilenle aynı değil.");
        }

        return wanted.Length >= MinFreeTextNumberLength && FoundInTokens(wanted, reading.Tokens) is { } raw
            ? new OcrFieldCheck(InvoiceNumberField, label, OcrFieldOutcome.Agrees, typed, raw, "Girilen numara görüntüde etiketsiz olarak bulundu.")
            : new OcrFieldCheck(InvoiceNumberField, label, OcrFieldOutcome.NotRead, typed, null, "Görüntüde fatura numarası okunamadı.");
    }

    private static OcrFieldCheck TaxIdentity(string? typed, InvoiceTextReading reading)
    {
        const string label = "VKN/TCKN";
        var labelled = reading.SupplierTaxIds.Where(c => c.Labelled).ToList();
        var pool = labelled.Count > 0 ? labelled : reading.SupplierTaxIds.ToList();
        var match = string.IsNullOrEmpty(typed) ? null : pool.Find(c => string.Equals(c.Value, typed, StringComparison.Ordinal));
        if (match is not null)
        {
            return new OcrFieldCheck(SupplierTaxIdField, label, OcrFieldOutcome.Agrees, typed, match.Value, match.Labelled ? null : "Numara görüntüde etiketsiz olarak bulundu.");
        }

        if (labelled.Count > 0)
        {
            return new OcrFieldCheck(SupplierTaxIdField, label, OcrFieldOutcome.Disagrees, typed, labelled[0].Value,
                "Görüntüden okunan satıcı VKN/TCKN'si girilenle aynı değil.");
        }

        if (!string.IsNullOrEmpty(typed) && reading.BuyerTaxIds.Contains(typed, StringComparer.Ordinal))
        {
            return new OcrFieldCheck(SupplierTaxIdField, label, OcrFieldOutcome.Disagrees, typed, null,
                "Girilen numara faturada alıcının (SAYIN) numarası olarak okundu; satıcınınki okunamadı.");
        }

        var note = reading.InvalidTaxIds.Count > 0
            ? "Görüntüden okunan " + string.Join(", ", reading.InvalidTaxIds) + " kontrol hanesi tutmadığı için dikkate alınmadı."
            : "Görüntüde satıcının VKN/TCKN'si okunamadı.";
        return new OcrFieldCheck(SupplierTaxIdField, label, OcrFieldOutcome.NotRead, typed, null, note);
    }

    private static OcrFieldCheck Date(DateOnly? typed, InvoiceTextReading reading)
    {
        const string label = "Fatura tarihi";
        var shown = typed is { } t ? Format(t) : null;
        var labelled = reading.InvoiceDates.Where(c => c.Labelled).ToList();
        var pool = labelled.Count > 0 ? labelled : reading.InvoiceDates.ToList();
        if (typed is { } value && pool.Exists(c => c.Value == value))
        {
            return new OcrFieldCheck(InvoiceDateField, label, OcrFieldOutcome.Agrees, shown, Format(value), labelled.Count > 0 ? null : "Tarih etiketsiz olarak bulundu.");
        }

        return labelled.Count > 0
            ? new OcrFieldCheck(InvoiceDateField, label, OcrFieldOutcome.Disagrees, shown, Format(labelled[0].Value), "Görüntüden okunan fatura tarihi girilenle aynı değil.")
            : new OcrFieldCheck(InvoiceDateField, label, OcrFieldOutcome.NotRead, shown, null, "Görüntüde fatura tarihi okunamadı.");
    }

    // "A 012345" / "AB-012345" → the comparable digits after a series of one to three letters; otherwise null.
    private static string? SequenceAfterSeries(string? typed)
    {
        var text = (typed ?? string.Empty).Trim();
        var letters = 0;
        while (letters < text.Length && char.IsLetter(text[letters]))
        {
            letters++;
        }

        var rest = text[letters..].TrimStart(' ', '-', '/');
        return letters is >= 1 and <= 3 && rest.Length >= 4 && rest.All(char.IsAsciiDigit)
            ? InvoiceTextParser.ComparableNumber(rest)
            : null;
    }

    // One to three consecutive tokens whose letters and digits, joined, equal the wanted number.
    private static string? FoundInTokens(string wanted, IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var joined = string.Empty;
            for (var k = i; k < tokens.Count && k < i + 3; k++)
            {
                joined += InvoiceTextParser.ComparableNumber(tokens[k]);
                if (string.Equals(joined, wanted, StringComparison.Ordinal))
                {
                    return string.Join(' ', tokens.Skip(i).Take(k - i + 1));
                }

                if (joined.Length >= wanted.Length)
                {
                    break;
                }
            }
        }

        return null;
    }

    private static string Format(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
