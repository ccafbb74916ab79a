using Microsoft.Extensions.AI;
using Voxgate.Speech.Brain;

namespace Voxgate.Speech.Tests.Brain;

public sealed class ToolOutcomeTests
{
    [Theory]
    [InlineData("""{"available":true}""", true)]
    [InlineData("""{"available":false}""", false)]
    [InlineData("""{"status":"booked","id":"A7"}""", true)]
    [InlineData("""{"status":"unavailable"}""", false)]
    [InlineData("""{"error":"slot taken"}""", false)]
    [InlineData("""{"error":null,"ok":true}""", true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("Booked for 2026-11-24 at 15:00.", true)]
    [InlineData("Sorry, that time is not available.", false)]
    [InlineData("Error: calendar offline", false)]
    public void Reads_success_from_json_and_plain_text(string result, bool success) =>
        Assert.Equal(success, ToolOutcome.Read(new FunctionResultContent("call_1", result)).Success);

    [Fact]
    public void Reads_the_appointment_id_and_an_offered_alternative()
    {
        Assert.Equal("A7", ToolOutcome.Read(new FunctionResultContent("c", Conversation.Json("""{"booked":true,"appointment_id":"A7"}"""))).Reference);
        Assert.Equal(new TimeOnly(16, 30), ToolOutcome.Read(new FunctionResultContent("c", """{"available":false,"suggestions":["16:30"]}""")).Alternative);
    }

    [Fact]
    public void An_exception_is_a_failure() =>
        Assert.False(ToolOutcome.Read(new FunctionResultContent("c", null) { Exception = new InvalidOperationException("down") }).Success);

    [Fact]
    public void No_result_is_a_success() => Assert.True(ToolOutcome.Read(new FunctionResultContent("c", null)).Success);
}
