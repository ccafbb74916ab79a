using Voxgate.Speech.Brain;

namespace Voxgate.Speech.Tests.Brain;

public sealed class SpokenDateTimeParserTests
{
    // A Monday.
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("tomorrow at three", "2026-11-24", "15:00", null)]
    [InlineData("next tuesday morning", "2026-11-24", null, "Morning")]
    [InlineData("friday at ten", "2026-11-27", "10:00", null)]
    [InlineData("today at half past two", "2026-11-23", "14:30", null)]
    [InlineData("on monday at 2 pm", "2026-11-30", "14:00", null)]
    [InlineData("at noon", null, "12:00", null)]
    [InlineData("december third at 9", "2026-12-03", "09:00", null)]
    [InlineData("the 5th", "2026-12-05", null, null)]
    [InlineData("move it to thursday the third", "2026-12-03", null, null)]
    [InlineData("next thursday the third at two", "2026-12-03", "14:00", null)]
    [InlineData("friday the 27th", "2026-11-27", null, null)]
    [InlineData("tuesday the 4th", "2026-12-04", null, null)]
    [InlineData("eleven in the morning please", null, "11:00", "Morning")]
    [InlineData("half past two in the afternoon", null, "14:30", "Afternoon")]
    [InlineData("four thirty in the afternoon", null, "16:30", "Afternoon")]
    [InlineData("on the twenty fifth", "2026-11-25", null, null)]
    [InlineData("three thirty", null, "15:30", null)]
    [InlineData("3:30", null, "15:30", null)]
    [InlineData("ten am", null, "10:00", null)]
    [InlineData("10am", null, "10:00", null)]
    [InlineData("5 p.m.", null, "17:00", null)]
    [InlineData("four p m", null, "16:00", null)]
    [InlineData("quarter to four", null, "15:45", null)]
    [InlineData("a quarter past nine", null, "09:15", null)]
    [InlineData("twenty past eleven", null, "11:20", null)]
    [InlineData("three oh five", null, "15:05", null)]
    [InlineData("eleven o'clock", null, "11:00", null)]
    [InlineData("twelve thirty", null, "12:30", null)]
    [InlineData("at 17:00", null, "17:00", null)]
    [InlineData("four", null, "16:00", null)]
    [InlineData("um nine please", null, "09:00", null)]
    [InlineData("this monday", "2026-11-23", null, null)]
    [InlineData("monday", "2026-11-30", null, null)]
    [InlineData("next monday at eleven", "2026-11-30", "11:00", null)]
    [InlineData("the day after tomorrow", "2026-11-25", null, null)]
    [InlineData("the third of january", "2027-01-03", null, null)]
    [InlineData("november 20th", "2027-11-20", null, null)]
    [InlineData("wednesday the twenty fifth at eleven fifteen", "2026-11-25", "11:15", null)]
    [InlineData("at noon on the twenty first of december", "2026-12-21", "12:00", null)]
    [InlineData("at nine in the evening", null, "21:00", "Evening")]
    [InlineData("at two in the afternoon", null, "14:00", "Afternoon")]
    [InlineData("thursday afternoon", "2026-11-26", null, "Afternoon")]
    [InlineData("tonight", "2026-11-23", null, "Evening")]
    [InlineData("i'd like to book an appointment tomorrow at three", "2026-11-24", "15:00", null)]
    [InlineData("Can I come in on Friday, at 2:45?", "2026-11-27", "14:45", null)]
    [InlineData("cancel the one on friday", "2026-11-27", null, null)]
    [InlineData("good morning", null, null, null)]
    [InlineData("i'd like to book an appointment", null, null, null)]
    [InlineData("may i book a haircut", null, null, null)]
    [InlineData("may 3rd", "2027-05-03", null, null)]
    public void Reads_dates_and_times_from_spoken_phrases(string phrase, string? date, string? time, string? part)
    {
        SpokenDateTime parsed = SpokenDateTimeParser.Parse(phrase, Today);

        Assert.Equal(date, parsed.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(time, parsed.Time?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(part, parsed.Part?.ToString());
    }

    [Theory]
    [InlineData("at 3", "15:00")]
    [InlineData("at 7", "19:00")]
    [InlineData("at 8", "08:00")]
    [InlineData("at 9", "09:00")]
    [InlineData("at 11", "11:00")]
    [InlineData("at 12", "12:00")]
    [InlineData("at 3 am", "03:00")]
    [InlineData("at 9 pm", "21:00")]
    [InlineData("at 12 am", "00:00")]
    [InlineData("at 8 in the morning", "08:00")]
    public void Takes_an_hour_without_am_or_pm_in_business_hours(string phrase, string time) =>
        Assert.Equal(time, SpokenDateTimeParser.Parse(phrase, Today).Time?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("at 25")]
    [InlineData("3:75")]
    [InlineData("at 14 am")]
    public void Ignores_impossible_times(string phrase) => Assert.Null(SpokenDateTimeParser.Parse(phrase, Today).Time);

    [Fact]
    public void A_day_of_month_that_has_passed_means_next_month()
    {
        Assert.Equal(new DateOnly(2026, 12, 1), SpokenDateTimeParser.Parse("the first", Today).Date);
        Assert.Equal(new DateOnly(2026, 11, 23), SpokenDateTimeParser.Parse("the 23rd", Today).Date);
    }

    [Fact]
    public void The_31st_skips_months_without_one() =>
        Assert.Equal(new DateOnly(2026, 12, 31), SpokenDateTimeParser.Parse("the thirty first", new DateOnly(2026, 11, 2)).Date);

    [Theory]
    [InlineData("twenty third", "23rd")]
    [InlineData("three oh five pm", "3 05 pm")]
    [InlineData("forty five", "45")]
    [InlineData("Eleven-thirty, please!", "11 30 please")]
    [InlineData("the second", "the 2nd")]
    public void Normalises_number_words_to_digits(string text, string expected) =>
        Assert.Equal(expected, SpokenText.Normalize(text));
}
