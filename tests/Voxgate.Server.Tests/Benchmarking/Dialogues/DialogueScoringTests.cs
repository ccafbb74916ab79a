using System.Text.Json;
using Voxgate.Server.Benchmarking.Dialogues;
using Voxgate.Speech.Brain;

namespace Voxgate.Server.Tests.Benchmarking.Dialogues;

public sealed class DialogueScoringTests
{
    private static readonly DialogueScript Booking = new("x", Speaker.Clear("slt"), ["book friday at ten"])
    {
        Calls = [ExpectedCall.Book("2026-11-27", "10:00", "Sam Lee")],
    };

    private static BookCall Booked(string name, string time = "10:00") => new(
        BookingTools.BookAppointment,
        new Dictionary<string, string> { ["date"] = "2026-11-27", ["time"] = time, ["name"] = name },
        JsonDocument.Parse("""{"booked":true,"reference":"GB-20261127-001"}""").RootElement.Clone());

    private static DialogueTurn Turn(string reply) => new("said", "said", reply);

    [Fact]
    public void The_task_is_done_when_the_expected_booking_was_made_and_its_reference_read_back()
    {
        DialogueResult result = DialogueScoring.Score(Booking, [Turn("You're booked. Your reference is G B, 2 0 2 6 1 1 2 7, 0 0 1.")], [Booked("sam lee")]);

        Assert.True(result.Success, result.Failure);
        Assert.Equal((1, 0), (result.CallsRight, result.CallsWrong));
    }

    [Fact]
    public void A_wrong_argument_an_extra_change_or_no_read_back_fails_it()
    {
        Assert.StartsWith("missing", DialogueScoring.Score(Booking, [Turn("GB20261127001")], [Booked("Stan Lee")]).Failure, StringComparison.Ordinal);
        Assert.StartsWith("unexpected", DialogueScoring.Score(Booking, [Turn("GB20261127001")], [Booked("Sam Lee"), Booked("Sam Lee", "11:00")]).Failure, StringComparison.Ordinal);
        Assert.Equal("reference not read back", DialogueScoring.Score(Booking, [Turn("You're booked.")], [Booked("Sam Lee")]).Failure);
    }

    [Fact]
    public void Words_to_say_are_required_and_repeated_replies_counted()
    {
        var hours = new DialogueScript("h", Speaker.Clear("slt"), ["hours"]) { Said = ["9 AM"] };

        DialogueResult result = DialogueScoring.Score(hours, [Turn("We open at 10 AM."), Turn("We open at 10 AM.")], []);

        Assert.Equal("never said '9 AM'", result.Failure);
        Assert.Equal(1, result.Repeats);
    }
}
