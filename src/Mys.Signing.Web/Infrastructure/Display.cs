using System.Globalization;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Web.Infrastructure;

/// <summary>Formatting for people: tr-TR, Turkey's time zone. Stored times stay UTC.</summary>
public static class Display
{
    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    public static string DateTime(DateTimeOffset? value) =>
        value is { } v ? TurkeyTime.Format(v) : "—";

    /// <summary>The day in Turkey: "21.11.2026".</summary>
    public static string Date(DateTimeOffset value) => TurkeyTime.FormatDate(TurkeyTime.DateOf(value));

    /// <summary>A calendar day: "07.12.2026".</summary>
    public static string Date(DateOnly value) => TurkeyTime.FormatDate(value);

    /// <summary>A time that names its zone: "07.12.2026 07:38 TSİ".</summary>
    public static string Stamp(DateTimeOffset? value) => value is { } v ? TurkeyTime.Stamp(v) : "—";

    public static string Amount(decimal value) => value.ToString("N2", Turkish) + " TL";

    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024d * 1024d)).ToString("0.#", Turkish) + " MB"
        : (bytes / 1024d).ToString("0.#", Turkish) + " KB";
}
