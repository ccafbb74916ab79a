using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Realtime.Dialects;

namespace Voxgate.Realtime.Protocol;

/// <summary>
/// Reads one connection's client frames. <c>input_audio_buffer.append</c> — nearly every frame — takes a fast path: one
/// <see cref="Utf8JsonReader"/> pass and a span-based base64 decode into this reader's own buffer, handed on as a
/// borrowed, reused message (see <see cref="ReusableAudioAppend"/>): nothing is allocated per frame. Everything else is
/// parsed to a <see cref="JsonObject"/>, translated to GA by the dialect, and mapped. Not thread-safe.
/// </summary>
public sealed class ClientEventReader
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 64 };

    private readonly ReusableAudioAppend _append = new();
    private byte[] _audio = new byte[4096];

    /// <summary>Reads a UTF-8 JSON text frame. An append's audio is valid until the next read.</summary>
    /// <param name="utf8">The whole frame.</param>
    /// <param name="dialect">The connection's dialect.</param>
    /// <param name="input">The session's input audio format, for appends.</param>
    public ClientEvent Read(ReadOnlySpan<byte> utf8, RealtimeDialect dialect, AudioInputFormat input)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(input);
        Scan scan;
        try
        {
            scan = ScanTopLevel(utf8);
        }
        catch (JsonException ex)
        {
            return ClientEvent.Fail("invalid_json", "The event is not valid JSON: " + ex.Message, null, null);
        }

        if (!scan.IsObject)
        {
            return ClientEvent.Fail("invalid_json", "An event must be a JSON object with a 'type'.", null, null);
        }

        if (scan.TypeIsAppend)
        {
            return ReadAppend(utf8, scan, input);
        }

        JsonObject json;
        try
        {
            json = (JsonObject)JsonNode.Parse(utf8, documentOptions: s_documentOptions)!;
        }
        catch (JsonException ex)
        {
            return ClientEvent.Fail("invalid_json", "The event is not valid JSON: " + ex.Message, null, null);
        }

        return ClientEventMapper.Map(dialect.ToGaClientEvent(json), input);
    }

    private ClientEvent ReadAppend(ReadOnlySpan<byte> utf8, in Scan scan, AudioInputFormat input)
    {
        string? eventId = scan.EventId;
        if (scan.AudioKind == JsonTokenType.None)
        {
            return ClientEvent.Fail("missing_required_parameter", "Missing required parameter: 'audio'.", "audio", eventId);
        }

        if (scan.AudioKind != JsonTokenType.String)
        {
            return ClientEvent.Fail("invalid_type", "Invalid type for 'audio': expected a base64-encoded string.", "audio", eventId);
        }

        byte[]? rented = null;
        try
        {
            ReadOnlySpan<byte> base64 = utf8.Slice(scan.AudioStart, scan.AudioLength);
            if (scan.AudioEscaped)
            {
                // Only "\/" can legally appear in base64 text; unescape it rather than reject it.
                rented = ArrayPool<byte>.Shared.Rent(scan.AudioLength);
                int n = Unescape(base64, rented);
                base64 = rented.AsSpan(0, n);
            }

            if (!TryDecodedLength(base64, out int length))
            {
                return ClientEvent.Fail("invalid_value", "Invalid 'audio': the value is not valid base64.", "audio", eventId);
            }

            if (input.IsPcm16 && (length & 1) != 0)
            {
                return ClientEvent.Fail("invalid_value", $"Invalid 'audio': PCM16 audio must hold whole 2-byte samples, but {length} bytes were sent.", "audio", eventId);
            }

            if (_audio.Length < length)
            {
                _audio = new byte[Math.Max(length, _audio.Length * 2)];
            }

            if (Base64.DecodeFromUtf8(base64, _audio, out _, out int written) != OperationStatus.Done || written != length)
            {
                return ClientEvent.Fail("invalid_value", "Invalid 'audio': the value is not valid base64.", "audio", eventId);
            }

            return ClientEvent.Ok(_append.For(_audio.AsMemory(0, length), input.MediaType, eventId));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The decoded size of padded base64, or false when the length cannot be base64.</summary>
    internal static bool TryDecodedLength(ReadOnlySpan<byte> base64, out int length)
    {
        length = 0;
        if (base64.Length % 4 != 0)
        {
            return false;
        }

        int padding = base64.Length == 0 ? 0 : base64[^1] == '=' ? (base64[^2] == '=' ? 2 : 1) : 0;
        length = base64.Length / 4 * 3 - padding;
        return true;
    }

    private static int Unescape(ReadOnlySpan<byte> escaped, Span<byte> destination)
    {
        int n = 0;
        for (int i = 0; i < escaped.Length; i++)
        {
            byte b = escaped[i];
            if (b == '\\' && i + 1 < escaped.Length)
            {
                b = escaped[++i];
                if (b == 'u' && i + 4 < escaped.Length)
                {
                    // \u002F and friends: base64 is ASCII, so only the low byte matters.
                    b = (byte)Convert.ToInt32(System.Text.Encoding.ASCII.GetString(escaped.Slice(i + 1, 4)), 16);
                    i += 4;
                }
            }

            destination[n++] = b;
        }

        return n;
    }

    /// <summary>One pass over the top level: the type, the event id and where the audio string lies.</summary>
    private static Scan ScanTopLevel(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
        var scan = default(Scan);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            // Still validate the rest, so garbage after a scalar is reported as such.
            while (reader.Read())
            {
            }

            return scan;
        }

        scan.IsObject = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                scan.TypeIsAppend = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(RealtimeEventNamesUtf8.Append);
            }
            else if (reader.ValueTextEquals("event_id"u8))
            {
                reader.Read();
                scan.EventId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("audio"u8))
            {
                reader.Read();
                scan.AudioKind = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? JsonTokenType.StartObject : reader.TokenType;
                if (reader.TokenType == JsonTokenType.String)
                {
                    scan.AudioStart = (int)reader.TokenStartIndex + 1;
                    scan.AudioLength = reader.ValueSpan.Length;
                    scan.AudioEscaped = reader.ValueIsEscaped;
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Reading to the end proves the frame is one well-formed JSON value.
        while (reader.Read())
        {
        }

        return scan;
    }

    private struct Scan
    {
        public bool IsObject;
        public bool TypeIsAppend;
        public string? EventId;
        public JsonTokenType AudioKind;
        public int AudioStart;
        public int AudioLength;
        public bool AudioEscaped;
    }

    private static class RealtimeEventNamesUtf8
    {
        public static ReadOnlySpan<byte> Append => "input_audio_buffer.append"u8;
    }
}
