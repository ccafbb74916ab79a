using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Voxgate.Audio;

namespace Voxgate.Server.Cli;

/// <summary>
/// A scripted caller: streams a WAV file to <c>/ws</c> in real time, keeps the line open with silence, and
/// records the transcripts, the reply audio and when it began.
/// </summary>
internal sealed class GatewayCall(Uri url, string? token, TimeSpan replyTimeout)
{
    private const int Rate = 24000;
    private const int FrameSamples = 480;
    private const double SpeechFloorDbfs = -45;

    public async Task<CallResult> RunAsync(string wavPath, CancellationToken cancellationToken)
    {
        short[] speech = Load(wavPath);
        int lastVoicedFrame = LastVoicedFrame(speech);

        using var socket = new ClientWebSocket();
        if (!string.IsNullOrEmpty(token))
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }

        using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connect.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await socket.ConnectAsync(url, connect.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{url} did not answer within 10 s.");
        }

        var state = new CallState();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task reader = ReadAsync(socket, state, stop.Token);

        // Speak in real time, 20 ms a frame, then keep the microphone open with silence until the reply ends.
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        byte[] frame = new byte[FrameSamples * 2];
        int frames = (speech.Length + FrameSamples - 1) / FrameSamples;
        long deadline = long.MaxValue;
        for (int i = 0; !state.Done.Task.IsCompleted; i++)
        {
            Array.Clear(frame);
            if (i < frames)
            {
                int n = Math.Min(FrameSamples, speech.Length - i * FrameSamples);
                Pcm16Bytes(speech.AsSpan(i * FrameSamples, n), frame);
            }

            await socket.SendAsync(frame, WebSocketMessageType.Binary, true, cancellationToken).ConfigureAwait(false);
            if (i == lastVoicedFrame)
            {
                state.SpeechEndedAt = TimeProvider.System.GetTimestamp();
                deadline = Environment.TickCount64 + (long)replyTimeout.TotalMilliseconds;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"No complete reply within {replyTimeout.TotalSeconds:0} s of the end of speech.");
            }

            if (state.Failure is { } failure)
            {
                throw new CallFailedException(failure);
            }

            await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
        }

        await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        JsonObject done = await state.Done.Task.ConfigureAwait(false);
        long latency = state.FirstAudioAt is long first && state.SpeechEndedAt is long ended
            ? (long)TimeProvider.System.GetElapsedTime(ended, first).TotalMilliseconds
            : -1;
        return new CallResult(state.User, state.Agent, (string?)done["status"] ?? "unknown", latency, (long?)done["latency_ms"], state.Audio.Length / 48, state.Upstream)
        {
            ReplyPcm = state.Audio.ToArray(),
        };
    }

    private static async Task ReadAsync(ClientWebSocket socket, CallState state, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                int count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    state.Failure ??= $"the gateway closed the call ({(int?)socket.CloseStatus} {socket.CloseStatusDescription})";
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    state.FirstAudioAt ??= TimeProvider.System.GetTimestamp();
                    state.Audio.Write(buffer, 0, count);
                    continue;
                }

                if (JsonNode.Parse(buffer.AsSpan(0, count)) is not JsonObject message)
                {
                    continue;
                }

                switch ((string?)message["type"])
                {
                    case "session.ready":
                        state.Upstream = (string?)message["upstream"];
                        break;
                    case "transcript" when (string?)message["role"] == "user":
                        state.User = ((string?)message["text"] ?? string.Empty).Trim();
                        break;
                    case "transcript" when (string?)message["role"] == "assistant":
                        state.Agent = ((string?)message["text"] ?? string.Empty).Trim();
                        break;
                    case "response.done":
                        state.Done.TrySetResult(message);
                        return;
                    case "error":
                        state.Failure ??= (string?)message["message"];
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            state.Failure ??= ex.Message;
        }
    }

    private static short[] Load(string path)
    {
        AudioClip clip = WavFile.Read(path).ToMono().Resample(Rate);
        var samples = new short[clip.Samples.Length];
        Pcm16.FromFloat(clip.Samples, samples);
        return samples;
    }

    /// <summary>The last 20 ms frame louder than the speech floor: where the caller stops talking.</summary>
    private static int LastVoicedFrame(short[] speech)
    {
        var floats = new float[FrameSamples];
        for (int i = (speech.Length - 1) / FrameSamples; i >= 0; i--)
        {
            int n = Math.Min(FrameSamples, speech.Length - i * FrameSamples);
            Pcm16.ToFloat(speech.AsSpan(i * FrameSamples, n), floats);
            if (LevelMeter.Measure(floats.AsSpan(0, n)).RmsDbfs > SpeechFloorDbfs)
            {
                return i;
            }
        }

        throw new InvalidDataException("The WAV file is silent: there is nothing to say.");
    }

    private static void Pcm16Bytes(ReadOnlySpan<short> samples, Span<byte> destination)
        => System.Runtime.InteropServices.MemoryMarshal.AsBytes(samples).CopyTo(destination);

    private sealed class CallState
    {
        public TaskCompletionSource<JsonObject> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public MemoryStream Audio { get; } = new();

        public string User { get; set; } = string.Empty;

        public string Agent { get; set; } = string.Empty;

        public string? Upstream { get; set; }

        public string? Failure { get; set; }

        public long? SpeechEndedAt { get; set; }

        public long? FirstAudioAt { get; set; }
    }
}
