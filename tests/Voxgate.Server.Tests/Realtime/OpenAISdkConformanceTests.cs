using System.ClientModel;
using System.Text.Json;
using OpenAI.Realtime;
using Voxgate.Server.Tests.TestSupport;

namespace Voxgate.Server.Tests.Realtime;

/// <summary>The official OpenAI .NET SDK, pointed at Voxgate's <c>/v1/realtime</c> by base URL, drives the local engine.</summary>
[Collection(SharedRealtimeServer.Name)]
public sealed class OpenAISdkConformanceTests(RealtimeServerFixture fixture)
{
    [Fact]
    public async Task The_official_SDK_configures_talks_calls_a_tool_interrupts_and_truncates()
    {
        var client = new RealtimeClient(new ApiKeyCredential(RealtimeServerFixture.Key), new RealtimeClientOptions { Endpoint = new Uri($"http://{fixture.Address.Authority}/v1") });
        using RealtimeSessionClient session = await client.StartConversationSessionAsync("gpt-realtime");
        await using var log = new SdkUpdateLog(session);
        await log.WaitForAsync<RealtimeServerUpdateSessionCreated>();

        var options = new RealtimeConversationSessionOptions
        {
            Instructions = "You are the front desk.",
            AudioOptions = new RealtimeConversationSessionAudioOptions
            {
                InputAudioOptions = new RealtimeConversationSessionInputAudioOptions { AudioFormat = new RealtimePcmAudioFormat(), TurnDetection = new RealtimeServerVadTurnDetection() },
                OutputAudioOptions = new RealtimeConversationSessionOutputAudioOptions { Voice = new RealtimeVoice("alloy") },
            },
        };
        options.Tools.Add(Tool("check_availability", "Checks whether a slot is free."));
        options.Tools.Add(Tool("book_appointment", "Books a slot."));
        await session.ConfigureConversationSessionAsync(options);
        RealtimeServerUpdateSessionUpdated updated = await log.WaitForAsync<RealtimeServerUpdateSessionUpdated>();
        Assert.NotNull(updated);

        // 1. A spoken question: the user's transcript, the assistant's transcript and audio.
        int mark = log.Count;
        await log.SendSpeechAsync("what are your opening hours");
        var done = await log.SendSilenceUntilAsync<RealtimeServerUpdateResponseDone>(mark);
        Assert.Equal(RealtimeResponseStatus.Completed, done.Response.Status);
        var heard = await log.WaitForAsync<RealtimeServerUpdateConversationItemInputAudioTranscriptionCompleted>(mark);
        Assert.Contains("opening hours", heard.Transcript, StringComparison.Ordinal);
        var said = await log.WaitForAsync<RealtimeServerUpdateResponseOutputAudioTranscriptDone>(mark);
        Assert.Contains("open", said.Transcript, StringComparison.OrdinalIgnoreCase);
        Assert.True(log.Since<RealtimeServerUpdateResponseOutputAudioDelta>(mark).Sum(d => d.Delta.ToMemory().Length) > 24000 * 2, "less than a second of audio");

        // 2. Barge-in: speech over the reply cancels it; truncating to what was heard is confirmed.
        mark = log.Count;
        await log.SendSpeechAsync("what are your opening hours");
        var firstAudio = await log.SendSilenceUntilAsync<RealtimeServerUpdateResponseOutputAudioDelta>(mark);
        int interrupt = log.Count;
        await log.SendSpeechAsync("hello there");
        var cancelled = await log.SendSilenceUntilAsync<RealtimeServerUpdateResponseDone>(interrupt, d => d.Response.Id == firstAudio.ResponseId);
        Assert.Equal(RealtimeResponseStatus.Cancelled, cancelled.Response.Status);
        // "Played" is half of what arrived: never past what was generated, as a real client's playback is.
        int receivedMs = log.Since<RealtimeServerUpdateResponseOutputAudioDelta>(mark).Where(d => d.ItemId == firstAudio.ItemId).Sum(d => d.Delta.ToMemory().Length) / 48;
        var played = TimeSpan.FromMilliseconds(receivedMs / 2);
        await session.TruncateItemAsync(firstAudio.ItemId, 0, played);
        var truncated = await log.WaitForAsync<RealtimeServerUpdateConversationItemTruncated>(interrupt);
        Assert.Equal(firstAudio.ItemId, truncated.ItemId);
        Assert.Equal(played, truncated.AudioEndTime);
        await log.SendSilenceUntilAsync<RealtimeServerUpdateResponseDone>(interrupt, d => d.Response.Id != firstAudio.ResponseId);

        // 3. Tool call round trips: the client runs the tools and returns their output.
        var calls = new List<RealtimeServerUpdateResponseFunctionCallArgumentsDone>();
        async Task<string> TurnAsync(string words)
        {
            mark = log.Count;
            await log.SendSpeechAsync(words);
            for (int round = 0; round < 4; round++)
            {
                var finished = await log.SendSilenceUntilAsync<RealtimeServerUpdateResponseDone>(mark);
                mark = log.Count;
                List<RealtimeServerUpdateResponseFunctionCallArgumentsDone> asked = [.. log.Since<RealtimeServerUpdateResponseFunctionCallArgumentsDone>(0).Where(c => c.ResponseId == finished.Response.Id)];
                if (asked.Count == 0)
                {
                    break;
                }

                foreach (var call in asked)
                {
                    calls.Add(call);
                    string output = call.FunctionName == "book_appointment" ? """{"booked":true,"reference":"GB-20261204-007"}""" : """{"available":true}""";
                    await session.AddItemAsync(RealtimeItem.CreateFunctionCallOutputItem(call.CallId, output));
                }

                await session.StartResponseAsync();
            }

            return log.Since<RealtimeServerUpdateResponseOutputAudioTranscriptDone>(0).Last().Transcript;
        }

        // A booking asked for with its day and time, and a tool that takes no name: checked, then booked at once.
        string confirmation = await TurnAsync("i would like to book an appointment on friday at ten thirty");
        Assert.Equal(["check_availability", "book_appointment"], calls.Select(c => c.FunctionName));
        foreach (var call in calls)
        {
            using JsonDocument arguments = JsonDocument.Parse(call.FunctionArguments.ToString());
            Assert.Equal("10:30", arguments.RootElement.GetProperty("time").GetString());
        }

        // The reference the tool gave is read back, as letters and digits a listener can write down.
        Assert.Contains("G B", confirmation, StringComparison.Ordinal);
        Assert.Contains("0 0 7", confirmation, StringComparison.Ordinal);
        Assert.DoesNotContain("Sorry", confirmation, StringComparison.Ordinal);
        Assert.Empty(log.Since<RealtimeServerUpdateError>(0));
    }

    private static RealtimeFunctionTool Tool(string name, string description) => new(name)
    {
        FunctionDescription = description,
        FunctionParameters = BinaryData.FromString("""{"type":"object","properties":{"date":{"type":"string"},"time":{"type":"string"}},"required":["date","time"]}"""),
    };

    /// <summary>Records every update the SDK yields and feeds audio as a microphone would, faster than real time.</summary>
    private sealed class SdkUpdateLog : IAsyncDisposable
    {
        private readonly RealtimeSessionClient _session;
        private readonly List<RealtimeServerUpdate> _updates = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _reader;
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SdkUpdateLog(RealtimeSessionClient session)
        {
            _session = session;
            _reader = Task.Run(ReadAsync);
        }

        public int Count
        {
            get
            {
                lock (_updates)
                {
                    return _updates.Count;
                }
            }
        }

        public List<T> Since<T>(int from)
        {
            lock (_updates)
            {
                return [.. _updates.Skip(from).OfType<T>()];
            }
        }

        public async Task SendSpeechAsync(string text)
        {
            await SendAudioAsync(new byte[24000 * 2 * 3 / 10]);
            await SendAudioAsync(await TestSpeech.Pcm16Async(text));
        }

        public async Task<T> SendSilenceUntilAsync<T>(int from, Func<T, bool>? predicate = null)
        {
            for (int sent = 0; sent < 30_000; sent += 100)
            {
                if (Since<T>(from).FirstOrDefault(u => predicate?.Invoke(u) ?? true) is { } found)
                {
                    return found;
                }

                await SendAudioAsync(new byte[4800]);
                await Task.Delay(2);
            }

            return await WaitForAsync(from, predicate);
        }

        public Task<T> WaitForAsync<T>(int from = 0) => WaitForAsync<T>(from, null);

        public async Task<T> WaitForAsync<T>(int from, Func<T, bool>? predicate)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                Task changed;
                lock (_updates)
                {
                    changed = _changed.Task;
                }

                if (Since<T>(from).FirstOrDefault(u => predicate?.Invoke(u) ?? true) is { } found)
                {
                    return found;
                }

                try
                {
                    await changed.WaitAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"No {typeof(T).Name}; got: " + string.Join(", ", Since<RealtimeServerUpdate>(from).Select(u => u.GetType().Name.Replace("RealtimeServerUpdate", string.Empty, StringComparison.Ordinal)).TakeLast(40)) + " reader: " + _reader.Exception?.InnerException);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _reader;
            }
            catch (Exception ex) when (ex is OperationCanceledException or System.Net.WebSockets.WebSocketException)
            {
            }

            _stop.Dispose();
        }

        private async Task SendAudioAsync(byte[] pcm)
        {
            for (int offset = 0; offset < pcm.Length; offset += 960)
            {
                await _session.SendInputAudioAsync(BinaryData.FromBytes(pcm.AsMemory(offset, Math.Min(960, pcm.Length - offset))));
            }
        }

        private async Task ReadAsync()
        {
            await foreach (RealtimeServerUpdate update in _session.ReceiveUpdatesAsync(_stop.Token))
            {
                TaskCompletionSource changed;
                lock (_updates)
                {
                    _updates.Add(update);
                    changed = _changed;
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                changed.TrySetResult();
            }
        }
    }
}
