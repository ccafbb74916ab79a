using Voxgate.Speech.Brain;

namespace Voxgate.Speech.Tests.Brain;

public sealed class BookingReferenceTests
{
    [Fact]
    public void Is_written_for_the_synthesiser_a_character_at_a_time() =>
        Assert.Equal("G B, 2 0 2 6 1 1 2 7, 0 0 1", BookingReference.Spoken("GB-20261127-001"));

    [Theory]
    [InlineData("g b 2 0 2 6 1 1 2 7 0 0 1", false, "GB-20261127-001")]
    [InlineData("gb 20 26 11 27 double 0 1", false, "GB-20261127-001")]
    [InlineData("g d 2 0 2 6 1 1 2 7 0 oh 1", false, "GB-20261127-001")]
    [InlineData("2 0 2 6 1 1 2 7 0 0 1", true, "GB-20261127-001")]
    [InlineData("2 0 2 6 1 1 2 7 0 0 1", false, null)]
    [InlineData("g b 2 0 2 6 1 1", false, null)]
    [InlineData("g b 2 0 2 6 1 1 2 7 0 0 1 at 4", false, "GB-20261127-001")]
    public void Reads_the_digits_after_the_letters(string normalized, bool expected, string? reference) =>
        Assert.Equal(reference, BookingReference.Read(normalized, expected));
}
