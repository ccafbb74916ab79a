using System.Buffers;
using System.Text.Json;
using Voxgate.Server.Relay;

namespace Voxgate.Server.Gateway;

/// <summary>The JSON text frames the gateway sends (see docs/protocol.md), written straight to UTF-8.</summary>
internal static class GatewayEvents
{
    /// <summary>The page's frame for a call event.</summary>
    public static byte[] For(CallEvent callEvent) => callEvent switch
    {
        SessionReadyEvent ready => SessionReady(ready.CallId, ready.Upstream, ready.Voice, ready.Model),
        SpeechStartedEvent started => SpeechStarted(started.ItemId, started.AudioStartMs),
        SpeechStoppedEvent stopped => SpeechStopped(stopped.ItemId, stopped.AudioEndMs),
        TranscriptPartialEvent partial => Partial(partial.ItemId, partial.Text),
        TranscriptDeltaEvent delta => Delta(delta.ItemId, delta.Delta),
        TranscriptEvent transcript => Transcript(transcript.Role, transcript.ItemId, transcript.Text),
        AudioStartedEvent audio => AudioStarted(audio.ItemId),
        ResponseDoneEvent done => ResponseDone(done.ResponseId, done.Status, done.Reason, done.LatencyMs, done.AudioMs),
        ToolEvent tool => Tool(tool.Name, tool.CallId, tool.Arguments, tool.Status, tool.Result),
        CallErrorEvent error => Error(error.Code, error.Message),
        _ => throw new ArgumentOutOfRangeException(nameof(callEvent), callEvent.GetType(), "No page event for this call event."),
    };

    public static byte[] SessionReady(string sessionId, string upstream, string? voice, string? model) => Write(w =>
    {
        w.WriteString("type", "session.ready");
        w.WriteString("session_id", sessionId);
        w.WriteString("upstream", upstream);
        w.WriteStartObject("audio");
        w.WriteString("format", "pcm16");
        w.WriteNumber("sample_rate", 24000);
        w.WriteNumber("channels", 1);
        w.WriteEndObject();
        w.WriteString("voice", voice);
        w.WriteString("model", model);
    });

    public static byte[] SpeechStarted(string? itemId, long? audioStartMs) => Write(w =>
    {
        w.WriteString("type", "speech.started");
        w.WriteString("item_id", itemId);
        WriteNumberOrNull(w, "audio_start_ms", audioStartMs);
    });

    public static byte[] SpeechStopped(string? itemId, long? audioEndMs) => Write(w =>
    {
        w.WriteString("type", "speech.stopped");
        w.WriteString("item_id", itemId);
        WriteNumberOrNull(w, "audio_end_ms", audioEndMs);
    });

    public static byte[] Partial(string? itemId, string text) => Write(w =>
    {
        w.WriteString("type", "transcript.partial");
        w.WriteString("role", "user");
        w.WriteString("item_id", itemId);
        w.WriteString("text", text);
    });

    public static byte[] Delta(string? itemId, string delta) => Write(w =>
    {
        w.WriteString("type", "transcript.delta");
        w.WriteString("role", "assistant");
        w.WriteString("item_id", itemId);
        w.WriteString("delta", delta);
    });

    public static byte[] Transcript(string role, string? itemId, string text) => Write(w =>
    {
        w.WriteString("type", "transcript");
        w.WriteString("role", role);
        w.WriteString("item_id", itemId);
        w.WriteString("text", text);
    });

    public static byte[] AudioStarted(string itemId) => Write(w =>
    {
        w.WriteString("type", "audio.started");
        w.WriteString("item_id", itemId);
    });

    public static byte[] ResponseDone(string? responseId, string? status, string? reason, long? latencyMs, long audioMs) => Write(w =>
    {
        w.WriteString("type", "response.done");
        w.WriteString("response_id", responseId);
        w.WriteString("status", status);
        w.WriteString("reason", reason);
        WriteNumberOrNull(w, "latency_ms", latencyMs);
        w.WriteNumber("audio_ms", audioMs);
    });

    public static byte[] Interrupted(string itemId, long playedMs) => Write(w =>
    {
        w.WriteString("type", "interrupted");
        w.WriteString("item_id", itemId);
        w.WriteNumber("played_ms", playedMs);
    });

    public static byte[] Tool(string? name, string callId, string? arguments, string status, string? result) => Write(w =>
    {
        w.WriteString("type", "tool");
        w.WriteString("name", name);
        w.WriteString("call_id", callId);
        w.WriteString("arguments", arguments);
        w.WriteString("status", status);
        w.WriteString("result", result);
    });

    public static byte[] Error(string code, string message) => Write(w =>
    {
        w.WriteString("type", "error");
        w.WriteString("code", code);
        w.WriteString("message", message);
    });

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is long v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
