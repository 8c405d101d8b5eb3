using System.Globalization;

namespace Mys.Signing.Domain.Common;

/// <summary>
/// Turkey's time zone, the one place that knows it: dates people see and type are Turkish days; stored times stay UTC.
/// </summary>
public static class TurkeyTime
{
    /// <summary>Europe/Istanbul; a fixed UTC+3 (Turkey's offset all year since 2016) when the zone database lacks it.</summary>
    public static TimeZoneInfo Zone { get; } = Find();

    /// <summary>The same instant on Turkey's clock.</summary>
    public static DateTimeOffset ToTurkey(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The Turkish day the instant falls on.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToTurkey(instant).DateTime);

    /// <summary>How the zone is named wherever a time says which clock it is on: Türkiye Saati İle.</summary>
    public const string Abbreviation = "TSİ";

    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    /// <summary>"07.12.2026 07:38" on Turkey's clock (pages, where every time is Turkey's).</summary>
    public static string Format(DateTimeOffset instant) => ToTurkey(instant).ToString("dd.MM.yyyy HH:mm", Turkish);

    /// <summary>"07.12.2026 07:38:05" on Turkey's clock.</summary>
    public static string FormatWithSeconds(DateTimeOffset instant) => ToTurkey(instant).ToString("dd.MM.yyyy HH:mm:ss", Turkish);

    /// <summary>"07.12.2026 07:38 TSİ": a time that names its zone (PDFs, texts read away from the pages).</summary>
    public static string Stamp(DateTimeOffset instant) => Format(instant) + " " + Abbreviation;

    /// <summary>"07.12.2026 07:38:05 TSİ".</summary>
    public static string StampWithSeconds(DateTimeOffset instant) => FormatWithSeconds(instant) + " " + Abbreviation;

    /// <summary>The Turkish day as people write it: "07.12.2026".</summary>
    public static string FormatDate(DateOnly day) => day.ToString("dd.MM.yyyy", Turkish);

    /// <summary>Today's date in Turkey.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow());
    }

    /// <summary>The instant the Turkish day begins, in UTC (as PostgreSQL's timestamptz parameters need).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Istanbul");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("TRT", TimeSpan.FromHours(3), "Türkiye", "Türkiye");
        }
    }
}
