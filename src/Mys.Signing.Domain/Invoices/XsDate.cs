using System.Globalization;

namespace Mys.Signing.Domain.Invoices;

/// <summary>
/// The lexical forms of XML Schema's <c>xs:date</c> that GİB's UBL-TR schema allows for <c>cbc:IssueDate</c>:
/// <c>YYYY-MM-DD</c>, optionally followed by a time zone — <c>Z</c> or <c>±hh:mm</c> (hh ≤ 14, and ±14:00 only with
/// 00 minutes). The zone does not move the date: <c>2024-03-18+03:00</c> is 18 March as the issuer wrote it.
/// </summary>
public static class XsDate
{
    public static DateOnly? Parse(string? text)
    {
        if (text is null || text.Length < 10)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        var zone = text.AsSpan(10);
        return zone.Length == 0 || IsZone(zone) ? date : null;
    }

    private static bool IsZone(ReadOnlySpan<char> zone)
    {
        if (zone is "Z")
        {
            return true;
        }

        if (zone.Length != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':'
            || !char.IsAsciiDigit(zone[1]) || !char.IsAsciiDigit(zone[2]) || !char.IsAsciiDigit(zone[4]) || !char.IsAsciiDigit(zone[5]))
        {
            return false;
        }

        var hours = ((zone[1] - '0') * 10) + (zone[2] - '0');
        var minutes = ((zone[4] - '0') * 10) + (zone[5] - '0');
        return minutes < 60 && (hours < 14 || (hours == 14 && minutes == 0));
    }
}
