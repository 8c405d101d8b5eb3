using System.Globalization;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Web.Infrastructure;

/// <summary>Formatting for people: tr-TR, Turkey's time zone. Stored times stay UTC.</summary>
public static class Display
{
    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    public static string DateTime(DateTimeOffset? value) =>
        value is { } v ? TurkeyTime.ToTurkey(v).ToString("dd.MM.yyyy HH:mm", Turkish) : "—";

    /// <summary>The day in Turkey: "21.11.2026".</summary>
    public static string Date(DateTimeOffset value) => TurkeyTime.DateOf(value).ToString("dd.MM.yyyy", Turkish);

    public static string Amount(decimal value) => value.ToString("N2", Turkish) + " TL";

    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024d * 1024d)).ToString("0.#", Turkish) + " MB"
        : (bytes / 1024d).ToString("0.#", Turkish) + " KB";
}
