using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Realtime.Dialects;

namespace Voxgate.Realtime.Protocol;

/// <summary>
/// Writes server events as UTF-8 JSON frames for one connection. Audio deltas — most frames — are written directly
/// with <see cref="Utf8JsonWriter"/> and span base64; everything else goes through <see cref="ServerEventMapper"/> and
/// the dialect. One instance per connection, not thread-safe; its buffers are reused frame after frame.
/// </summary>
public sealed class ServerEventWriter : IDisposable
{
    // Transcripts stay readable and base64 stays unescaped ('+' and '/' are safe in a WebSocket text frame).
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly RealtimeDialect _dialect;
    private ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;
    private readonly List<int> _frameEnds = [];
    private readonly List<WireEvent> _translated = [];

    public ServerEventWriter(RealtimeDialect dialect)
    {
        _dialect = dialect ?? throw new ArgumentNullException(nameof(dialect));
        _writer = new Utf8JsonWriter(_buffer, s_writerOptions);
    }

    /// <summary>The frames written since the last <see cref="Clear"/>.</summary>
    public int FrameCount => _frameEnds.Count;

    /// <summary>The <paramref name="index"/>th frame written since the last <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<byte> Frame(int index)
    {
        int start = index == 0 ? 0 : _frameEnds[index - 1];
        return _buffer.WrittenMemory[start.._frameEnds[index]];
    }

    /// <summary>Forgets the frames written, keeping the buffers.</summary>
    public void Clear()
    {
        // Big one-off events (a retrieved item with audio) should not pin their buffer for the whole session.
        if (_buffer.Capacity > 1024 * 1024)
        {
            _buffer = new ArrayBufferWriter<byte>(16 * 1024);
        }
        else
        {
            _buffer.ResetWrittenCount();
        }

        _frameEnds.Clear();
    }

    /// <summary>Writes the frames for one upstream message (none, one, or — in the beta dialect — several).</summary>
    public void Write(RealtimeServerMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Type == RealtimeServerMessageType.OutputAudioDelta && message is OutputTextAudioRealtimeServerMessage delta)
        {
            WriteAudioDelta(delta);
            return;
        }

        if (ServerEventMapper.ToGa(message) is { } wire)
        {
            Write(wire);
        }
    }

    /// <summary>Writes an error for a client event.</summary>
    public void Write(ProtocolError error) => Write(new WireEvent(RealtimeEventNames.Error, new JsonObject { ["error"] = ServerEventMapper.ErrorJson(error) }));

    /// <summary>Writes a GA event, translated to the connection's dialect.</summary>
    public void Write(WireEvent wire)
    {
        _translated.Clear();
        _dialect.FromGaServerEvent(wire, _translated);
        foreach (WireEvent translated in _translated)
        {
            WriteFrame(translated);
        }
    }

    private void WriteFrame(WireEvent wire)
    {
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WriteString("type"u8, wire.Type);
        if (wire.EventId is { } id)
        {
            _writer.WriteString("event_id"u8, id);
        }
        else
        {
            EventIds.Write(_writer, "event_id"u8);
        }

        if (wire.Fields is { } fields)
        {
            foreach (KeyValuePair<string, JsonNode?> field in fields)
            {
                if (field.Key is "type" or "event_id")
                {
                    continue;
                }

                _writer.WritePropertyName(field.Key);
                if (field.Value is null)
                {
                    _writer.WriteNullValue();
                }
                else
                {
                    field.Value.WriteTo(_writer);
                }
            }
        }

        _writer.WriteEndObject();
        _writer.Flush();
        _frameEnds.Add(_buffer.WrittenCount);
    }

    private void WriteAudioDelta(OutputTextAudioRealtimeServerMessage delta)
    {
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WriteString("type"u8, _dialect.AudioDeltaName);
        if (delta.MessageId is { } id)
        {
            _writer.WriteString("event_id"u8, id);
        }
        else
        {
            EventIds.Write(_writer, "event_id"u8);
        }

        _writer.WriteString("response_id"u8, delta.ResponseId);
        _writer.WriteString("item_id"u8, delta.ItemId);
        _writer.WriteNumber("output_index"u8, delta.OutputIndex ?? 0);
        _writer.WriteNumber("content_index"u8, delta.ContentIndex ?? 0);
        if (delta is OutputAudioDeltaRealtimeServerMessage pooled)
        {
            _writer.WriteBase64String("delta"u8, pooled.Data.Span);
        }
        else
        {
            // Already base64 (another upstream's message): written as is, without decoding and re-encoding.
            _writer.WriteString("delta"u8, delta.Audio ?? string.Empty);
        }

        _writer.WriteEndObject();
        _writer.Flush();
        _frameEnds.Add(_buffer.WrittenCount);
    }

    public void Dispose() => _writer.Dispose();
}
