using Microsoft.Extensions.Time.Testing;
using Mys.Signing.Domain.Common;

// Not in a Common folder: a Mys.Signing.Domain.Tests.Common namespace would hide Mys.Signing.Domain.Common from the other tests.
namespace Mys.Signing.Domain.Tests;

public sealed class TurkeyTimeTests
{
    [Fact]
    public void A_late_evening_instant_in_UTC_is_already_the_next_day_in_Turkey()
    {
        var lateEvening = new DateTimeOffset(2026, 12, 31, 21, 30, 0, TimeSpan.Zero);

        TurkeyTime.DateOf(lateEvening).ShouldBe(new DateOnly(2027, 1, 1));
        TurkeyTime.ToTurkey(lateEvening).ShouldSatisfyAllConditions(
            t => t.Offset.ShouldBe(TimeSpan.FromHours(3)),
            t => t.DateTime.ShouldBe(new DateTime(2027, 1, 1, 0, 30, 0)),
            t => t.ShouldBe(lateEvening));
    }

    [Fact]
    public void Just_before_21_00_UTC_is_still_the_same_day_in_Turkey()
    {
        TurkeyTime.DateOf(new DateTimeOffset(2026, 6, 15, 20, 59, 59, TimeSpan.Zero)).ShouldBe(new DateOnly(2026, 6, 15));
    }

    [Fact]
    public void Today_is_taken_from_the_clock_in_Turkey()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.Zero));

        TurkeyTime.Today(clock).ShouldBe(new DateOnly(2026, 3, 2));
    }

    [Fact]
    public void A_Turkish_day_starts_at_21_00_UTC_the_day_before()
    {
        var start = TurkeyTime.StartOfDay(new DateOnly(2026, 1, 1));

        start.ShouldBe(new DateTimeOffset(2025, 12, 31, 21, 0, 0, TimeSpan.Zero));
        start.Offset.ShouldBe(TimeSpan.Zero);
        TurkeyTime.DateOf(start).ShouldBe(new DateOnly(2026, 1, 1));
        TurkeyTime.DateOf(start.AddTicks(-1)).ShouldBe(new DateOnly(2025, 12, 31));
    }

    [Fact]
    public void The_zone_is_Istanbul_at_UTC_plus_3_all_year()
    {
        TurkeyTime.Zone.GetUtcOffset(new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc)).ShouldBe(TimeSpan.FromHours(3));
        TurkeyTime.Zone.GetUtcOffset(new DateTime(2026, 7, 15, 12, 0, 0, DateTimeKind.Utc)).ShouldBe(TimeSpan.FromHours(3));
    }

    [Fact]
    public void A_time_that_names_its_zone_is_on_Turkeys_clock_and_says_TSI()
    {
        var instant = new DateTimeOffset(2026, 12, 7, 4, 38, 5, TimeSpan.Zero);

        TurkeyTime.Stamp(instant).ShouldBe("07.12.2026 07:38 TSİ");
        TurkeyTime.StampWithSeconds(instant).ShouldBe("07.12.2026 07:38:05 TSİ");
        TurkeyTime.Format(new DateTimeOffset(2026, 12, 7, 22, 0, 0, TimeSpan.Zero)).ShouldBe("08.12.2026 01:00");
        TurkeyTime.FormatDate(new DateOnly(2029, 12, 7)).ShouldBe("07.12.2029");
    }
}
