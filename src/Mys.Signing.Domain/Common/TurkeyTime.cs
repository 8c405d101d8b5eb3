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
