using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Speech.Engine;

namespace Voxgate.Speech.Tests.Engine;

/// <summary>The hold a reply is prepared against: what it keeps, where it makes the generator wait, and how it lets go.</summary>
public sealed class PreparedResponseTests
{
    private static readonly RealtimeSessionOptions Configuration = new();

    [Fact]
    public async Task It_holds_the_reply_up_to_its_first_audio_and_after_adoption_hands_on_the_rest_in_order()
    {
        var session = Channel.CreateUnbounded<EngineSignal>();
        PreparedResponse prepared = Prepare(session, audio: true);

        // The first sentence and its first chunk are kept; the second chunk waits for the turn.
        Assert.True(prepared.PostAsync(new ResponseText("resp_1", "We open at nine. ")).AsTask().IsCompletedSuccessfully);
        Assert.True(prepared.PostAsync(Audio()).AsTask().IsCompletedSuccessfully);
        Task second = prepared.PostAsync(Audio()).AsTask();
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        Assert.False(session.Reader.TryRead(out _));

        IReadOnlyList<EngineSignal> held = prepared.Adopt(startClockMs: 1234);
        Assert.Equal([typeof(ResponseText), typeof(ResponseAudio)], held.Select(s => s.GetType()));
        Assert.Equal(1234, prepared.Request.StartClockMs);
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<ResponseAudio>(await session.Reader.ReadAsync());

        // From here on it is the session's response.
        await prepared.PostAsync(new ResponseFinished("resp_1", null, 3, 4));
        Assert.IsType<ResponseFinished>(await session.Reader.ReadAsync());
    }

    [Fact]
    public async Task A_tool_call_is_not_let_through_before_the_turn_is_final_even_as_the_first_thing_said()
    {
        var session = Channel.CreateUnbounded<EngineSignal>();
        PreparedResponse prepared = Prepare(session, audio: true);

        Task call = prepared.PostAsync(new ResponseFunctionCall("resp_1", "call_1", "book_appointment", "{}")).AsTask();
        await Task.Delay(50);
        Assert.False(call.IsCompleted);

        Assert.Empty(prepared.Adopt(0));
        await call.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<ResponseFunctionCall>(await session.Reader.ReadAsync());
    }

    [Fact]
    public async Task Discarding_stops_the_generator_where_it_waits_and_at_its_next_post()
    {
        var session = Channel.CreateUnbounded<EngineSignal>();
        PreparedResponse prepared = Prepare(session, audio: false);
        await prepared.PostAsync(new ResponseText("resp_1", "Noted. "));
        Task waiting = prepared.PostAsync(new ResponseText("resp_1", "Anything else? ")).AsTask();

        prepared.Discard();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => prepared.PostAsync(new ResponseFinished("resp_1", null, 0, 0)).AsTask());
        Assert.True(prepared.Cts.IsCancellationRequested);
        Assert.Throws<InvalidOperationException>(() => prepared.Adopt(0));
        Assert.False(session.Reader.TryRead(out _));
    }

    [Fact]
    public void A_text_reply_is_held_whole_when_it_ends_before_its_first_output_would_make_it_wait()
    {
        var session = Channel.CreateUnbounded<EngineSignal>();
        PreparedResponse prepared = Prepare(session, audio: false);
        Assert.True(prepared.PostAsync(new ResponseText("resp_1", "Noted. ")).AsTask().IsCompletedSuccessfully);
        Assert.True(prepared.PostAsync(new ResponseFinished("resp_1", null, 2, 1)).AsTask().IsCompletedSuccessfully);

        Assert.Equal([typeof(ResponseText), typeof(ResponseFinished)], prepared.Adopt(0).Select(s => s.GetType()));
    }

    [Fact]
    public void It_answers_only_the_same_configuration_and_the_same_history()
    {
        PreparedResponse prepared = Prepare(Channel.CreateUnbounded<EngineSignal>(), audio: true);

        Assert.True(prepared.Answers(History("what are your opening hours"), Configuration));
        Assert.False(prepared.Answers(History("what are your opening hours on saturday"), Configuration));
        Assert.False(prepared.Answers(History("what are your opening hours"), new RealtimeSessionOptions()));
        Assert.False(prepared.Answers([.. History("what are your opening hours"), new ChatMessage(ChatRole.User, "hello")], Configuration));

        var called = new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_1", "check", new Dictionary<string, object?> { ["day"] = "friday" })]);
        PreparedResponse withCall = Prepare(Channel.CreateUnbounded<EngineSignal>(), audio: true, [.. History("friday"), called]);
        var same = new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_1", "check", new Dictionary<string, object?> { ["day"] = "friday" })]);
        var other = new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_1", "check", new Dictionary<string, object?> { ["day"] = "monday" })]);
        Assert.True(withCall.Answers([.. History("friday"), same], Configuration));
        Assert.False(withCall.Answers([.. History("friday"), other], Configuration));
    }

    private static List<ChatMessage> History(string words) => [new(ChatRole.System, "Be brief."), new(ChatRole.User, words)];

    private static ResponseAudio Audio() => new("resp_1", new byte[1920], 1920);

    private static PreparedResponse Prepare(Channel<EngineSignal> session, bool audio, List<ChatMessage>? messages = null)
    {
        var request = new ResponseRequest("resp_1", messages ?? History("what are your opening hours"), new ChatOptions(), audio, "slt", SessionAudioFormat.Default, 0);
        return new PreparedResponse("item_1", request, Configuration, new CancellationTokenSource(), signal => session.Writer.WriteAsync(signal));
    }
}
