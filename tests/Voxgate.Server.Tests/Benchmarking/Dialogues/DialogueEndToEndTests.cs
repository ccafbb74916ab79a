using Voxgate.Server.Benchmarking.Dialogues;
using Voxgate.Speech;
using Voxgate.Speech.Brain;
using Voxgate.Speech.Engine;

namespace Voxgate.Server.Tests.Benchmarking.Dialogues;

/// <summary>One loaded engine for the end-to-end dialogues (the VAD, two recognisers and flite).</summary>
public sealed class DialogueEngine : IAsyncLifetime, IDisposable
{
    public LocalSpeechEngine Engine { get; } = new(new LocalEngineOptions { RecognizerPoolSize = 2 });

    public Task InitializeAsync() => Engine.WarmUpAsync(2);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Engine.Dispose();
}

/// <summary>
/// A few scripted calls from the development set, spoken by flite through the real engine (VAD, recognition with the
/// front-desk model, the receptionist, function invocation, synthesis), faster than real time. The assertions are on
/// what the booking tools were asked to do and what the caller heard back.
/// </summary>
public sealed class DialogueEndToEndTests(DialogueEngine fixture) : IClassFixture<DialogueEngine>
{
    private static DialogueScript Script(string id) => DialogueDevSet.All.Single(s => s.Id == id);

    [Fact]
    public async Task A_booking_with_a_correction_books_the_corrected_time_under_the_name_and_reads_the_reference_back()
    {
        DialogueResult result = await DialogueBenchmark.RunOneAsync(fixture.Engine, Script("d03-correct-time"), CancellationToken.None);

        Assert.True(result.Success, Describe(result));
        BookCall booked = Assert.Single(result.Calls, c => c.Changed);
        Assert.Equal(("2026-11-30", "10:00", "Ben Moore"), (booked.Arguments["date"], booked.Arguments["time"], booked.Arguments["name"]));
        Assert.Contains(result.Turns, t => t.Reply.Contains("G B, 2 0 2 6 1 1 3 0, 0 0 1", StringComparison.Ordinal));
        Assert.Equal(0, result.Repeats);
    }

    [Fact]
    public async Task A_cancellation_by_spoken_reference_finds_the_booking_and_cancels_it()
    {
        DialogueResult result = await DialogueBenchmark.RunOneAsync(fixture.Engine, Script("d07-cancel-by-reference"), CancellationToken.None);

        Assert.True(result.Success, Describe(result));
        Assert.Contains(result.Calls, c => c.Tool == BookingTools.FindBooking && c.Arguments.GetValueOrDefault("reference") == "GB-20261125-001");
        Assert.Equal("GB-20261125-001", Assert.Single(result.Calls, c => c.Changed).Arguments["reference"]);
    }

    [Fact]
    public async Task Changing_a_booking_just_made_reschedules_it_under_the_same_reference()
    {
        DialogueResult result = await DialogueBenchmark.RunOneAsync(fixture.Engine, Script("d14-book-then-move"), CancellationToken.None);

        Assert.True(result.Success, Describe(result));
        BookCall moved = Assert.Single(result.Calls, c => c.Changed && c.Tool == BookingTools.RescheduleAppointment);
        Assert.Equal(("GB-20261126-001", "16:30"), (moved.Arguments["reference"], moved.Arguments["time"]));
    }

    private static string Describe(DialogueResult result) =>
        $"{result.Failure}\n{string.Join('\n', result.Turns.Select(t => $"caller: {t.Said} [heard: {t.Heard}]\nagent: {t.Reply}"))}";
}
