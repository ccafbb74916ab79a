using System.Text.Json;
using Voxgate.Speech.Brain;

namespace Voxgate.Speech.Tests.Brain;

/// <summary>The in-memory book keeps the booking tools' contract, so the receptionist is tested against what the real tools return.</summary>
public sealed class InMemoryAppointmentBookTests
{
    private readonly InMemoryAppointmentBook _book = new(new ReceptionistOptions { TimeProvider = new FixedTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero)) });

    [Fact]
    public void Books_with_a_reference_numbered_per_day_and_refuses_a_taken_slot_with_the_nearest_alternatives()
    {
        JsonElement first = _book.Book("2026-11-27", "10:00", "Sam Lee", null, "haircut");
        JsonElement second = _book.Book("2026-11-27", "11:00", "Ana", "0123", null);
        JsonElement taken = _book.Book("2026-11-27", "10:00", "Bo", null, null);

        Assert.Equal("""{"booked":true,"reference":"GB-20261127-001","date":"2026-11-27","time":"10:00","name":"Sam Lee","service":"haircut"}""", first.GetRawText());
        Assert.Equal("GB-20261127-002", second.GetProperty("reference").GetString());
        Assert.False(taken.GetProperty("booked").GetBoolean());
        Assert.Equal("slot_taken", taken.GetProperty("error").GetString());
        Assert.Equal(["10:30", "09:30", "09:00"], taken.GetProperty("alternatives").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData("2026-11-29", "10:00", "closed")]
    [InlineData("2026-11-27", "16:45", "closed")]
    [InlineData("2026-11-23", "09:00", "in_the_past")]
    [InlineData("27/11/2026", "10:00", "invalid_date")]
    [InlineData("2026-11-27", "ten", "invalid_time")]
    public void Refuses_bookings_outside_the_hours_in_the_past_or_malformed(string date, string time, string error) =>
        Assert.Equal(error, _book.Book(date, time, "Sam", null, null).GetProperty("error").GetString());

    [Fact]
    public void Checks_a_time_or_a_whole_day()
    {
        _book.Take(new DateOnly(2026, 11, 26), new TimeOnly(9, 0));

        JsonElement time = _book.CheckAvailability("2026-11-26", "09:00", null);
        JsonElement day = _book.CheckAvailability("2026-11-26", null, null);

        Assert.Equal("""{"available":false,"date":"2026-11-26","time":"09:00","alternatives":["09:30","10:00","10:30"]}""", time.GetRawText());
        Assert.True(day.GetProperty("available").GetBoolean());
        Assert.Equal(JsonValueKind.Null, day.GetProperty("time").ValueKind);
        Assert.Equal("09:30", day.GetProperty("alternatives")[0].GetString());
    }

    [Fact]
    public void Finds_reschedules_and_cancels_by_reference_and_finds_by_name()
    {
        string reference = _book.Book("2026-11-24", "15:00", "Ryan Cooper", null, null).GetProperty("reference").GetString()!;

        Assert.Equal(reference, _book.Find(null, "cooper", null).GetProperty("bookings")[0].GetProperty("reference").GetString());
        Assert.False(_book.Find(null, "brian cooper", null).GetProperty("found").GetBoolean());
        Assert.Equal("""{"rescheduled":true,"reference":"GB-20261124-001","date":"2026-11-25","time":"11:00"}""", _book.Reschedule("gb-20261124-001", "2026-11-25", "11:00").GetRawText());
        Assert.Equal("""{"cancelled":true,"reference":"GB-20261124-001"}""", _book.Cancel(reference).GetRawText());
        Assert.Equal("not_found", _book.Cancel(reference).GetProperty("error").GetString());
        Assert.Equal("cancelled", _book.Find(reference, null, null).GetProperty("bookings")[0].GetProperty("status").GetString());
        Assert.Equal(3, _book.Calls.Count(c => c.Changed));
    }
}
