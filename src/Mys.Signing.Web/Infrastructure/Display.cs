using System.Globalization;

namespace Mys.Signing.Web.Infrastructure;

/// <summary>Formatting for people: tr-TR, Turkey's time zone. Stored times stay UTC.</summary>
public static class Display
{
    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");
    private static readonly TimeZoneInfo Istanbul = Mys.Signing.Infrastructure.Certificates.Istanbul.Zone;

    public static string DateTime(DateTimeOffset? value) =>
        value is { } v ? TimeZoneInfo.ConvertTime(v, Istanbul).ToString("dd.MM.yyyy HH:mm", Turkish) : "—";

    public static string Amount(decimal value) => value.ToString("N2", Turkish) + " TL";

    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024d * 1024d)).ToString("0.#", Turkish) + " MB"
        : (bytes / 1024d).ToString("0.#", Turkish) + " KB";
}
