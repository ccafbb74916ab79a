using System.Buffers.Text;
using System.Text.Json;

namespace Voxgate.Server.Telephony;

/// <summary>
/// The per-frame path for carriers' JSON (fifty messages a second a call): one pass of <see cref="Utf8JsonReader"/>
/// that keeps spans of the fields Voxgate uses and skips everything else, allocating nothing.
/// </summary>
internal static class CarrierFrameReader
{
    /// <summary>
    /// Reads <paramref name="json"/>, a message with <paramref name="names"/>' field names, into <paramref name="frame"/>;
    /// false when it is not a JSON object (the caller logs and skips it). <paramref name="scratch"/> takes strings JSON
    /// escaped, so it must be at least as long as the message.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> json, CarrierFieldNames names, Span<byte> scratch, out CarrierFrame frame)
    {
        frame = new CarrierFrame { Sequence = -1 };
        int used = 0;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("event"u8))
                {
                    frame.Event = EventOf(String(ref reader, scratch, ref used));
                }
                else if (reader.ValueTextEquals(names.StreamId))
                {
                    frame.StreamId = String(ref reader, scratch, ref used);
                }
                else if (reader.ValueTextEquals(names.Sequence))
                {
                    reader.Read();
                    frame.Sequence = Counter(ref reader, scratch, ref used);
                }
                else if (reader.ValueTextEquals("media"u8) && EnterObject(ref reader))
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("payload"u8))
                        {
                            frame.Payload = String(ref reader, scratch, ref used);
                        }
                        else if (reader.ValueTextEquals("track"u8))
                        {
                            frame.Track = String(ref reader, scratch, ref used);
                        }
                        else
                        {
                            SkipValue(ref reader);
                        }
                    }
                }
                else if (reader.ValueTextEquals("mark"u8) && EnterObject(ref reader))
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("name"u8))
                        {
                            frame.MarkName = String(ref reader, scratch, ref used);
                        }
                        else
                        {
                            SkipValue(ref reader);
                        }
                    }
                }
                else if (reader.ValueTextEquals("dtmf"u8) && EnterObject(ref reader))
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("digit"u8))
                        {
                            frame.Digit = String(ref reader, scratch, ref used);
                        }
                        else
                        {
                            SkipValue(ref reader);
                        }
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return reader.TokenType == JsonTokenType.EndObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Moves onto the object after a property name; false (the value skipped) when it is not an object.</summary>
    private static bool EnterObject(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        reader.Skip();
        return false;
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>The string value after a property name, or empty when the value is not a string.</summary>
    private static ReadOnlySpan<byte> String(scoped ref Utf8JsonReader reader, Span<byte> scratch, scoped ref int used)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return default;
        }

        return Value(ref reader, scratch, ref used);
    }

    /// <summary>A string's UTF-8 bytes: the message's own when unescaped, else unescaped into <paramref name="scratch"/>.</summary>
    private static ReadOnlySpan<byte> Value(scoped ref Utf8JsonReader reader, Span<byte> scratch, scoped ref int used)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        int written = reader.CopyString(scratch[used..]);
        ReadOnlySpan<byte> value = scratch.Slice(used, written);
        used += written;
        return value;
    }

    /// <summary>A counter, which carriers send as a string ("4") and might send as a number.</summary>
    private static long Counter(scoped ref Utf8JsonReader reader, Span<byte> scratch, scoped ref int used)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String && Utf8Parser.TryParse(Value(ref reader, scratch, ref used), out long parsed, out int consumed) && parsed >= 0)
        {
            return consumed > 0 ? parsed : -1;
        }

        reader.Skip();
        return -1;
    }

    private static CarrierEvent EventOf(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("media"u8) => CarrierEvent.Media,
        _ when name.SequenceEqual("mark"u8) => CarrierEvent.Mark,
        _ when name.SequenceEqual("dtmf"u8) => CarrierEvent.Dtmf,
        _ when name.SequenceEqual("start"u8) => CarrierEvent.Start,
        _ when name.SequenceEqual("stop"u8) => CarrierEvent.Stop,
        _ when name.SequenceEqual("connected"u8) => CarrierEvent.Connected,
        _ when name.SequenceEqual("error"u8) => CarrierEvent.Error,
        _ => CarrierEvent.Unknown,
    };
}
