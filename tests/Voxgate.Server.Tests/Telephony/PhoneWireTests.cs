using System.Text;
using Voxgate.Server.Telephony;
using Voxgate.Server.Telephony.Telnyx;
using Voxgate.Server.Telephony.Twilio;

namespace Voxgate.Server.Tests.Telephony;

/// <summary>The carriers' per-frame reader, mark names and the reorder window, on their own.</summary>
public sealed class PhoneWireTests
{
    [Fact]
    public void The_frame_reader_finds_the_fields_in_any_order_and_unescapes_what_JSON_escaped()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"media":{"track":"inbound","chunk":"2","timestamp":"5","payload":"AAEC\/w=="},"sequenceNumber":"4","extra":{"deep":[1,{"x":2}]},"streamSid":"MZ1","event":"media"}""");
        Assert.True(CarrierFrameReader.TryRead(json, TwilioWire.Instance.Fields, new byte[json.Length], out CarrierFrame frame));
        Assert.Equal(CarrierEvent.Media, frame.Event);
        Assert.Equal("MZ1", Encoding.UTF8.GetString(frame.StreamId));
        Assert.Equal(4, frame.Sequence);
        Assert.Equal("AAEC/w==", Encoding.UTF8.GetString(frame.Payload));
        Assert.Equal("inbound", Encoding.UTF8.GetString(frame.Track));
    }

    [Theory]
    [InlineData("{\"event\":\"media\"")]
    [InlineData("[\"event\",\"media\"]")]
    [InlineData("\"media\"")]
    [InlineData("")]
    public void The_frame_reader_refuses_what_is_not_a_JSON_object(string text)
    {
        byte[] json = Encoding.UTF8.GetBytes(text);
        Assert.False(CarrierFrameReader.TryRead(json, TelnyxWire.Instance.Fields, new byte[json.Length + 1], out _));
    }

    [Fact]
    public void A_mark_name_says_its_item_and_milliseconds_and_names_Voxgate_did_not_write_are_refused()
    {
        byte[] buffer = new byte[64];
        int length = MarkName.Format("item_a:b"u8, 1240, buffer);
        Assert.Equal("item_a:b:1240", Encoding.UTF8.GetString(buffer, 0, length));
        Assert.True(MarkName.TryParse(buffer.AsSpan(0, length), out ReadOnlySpan<byte> item, out long ms));
        Assert.Equal("item_a:b", Encoding.UTF8.GetString(item));
        Assert.Equal(1240, ms);
        Assert.False(MarkName.TryParse("responsePart"u8, out _, out _));
        Assert.False(MarkName.TryParse("item:12x"u8, out _, out _));
        Assert.False(MarkName.TryParse(":12"u8, out _, out _));
    }

    [Fact]
    public void Messages_out_of_order_are_put_back_and_a_gap_that_stays_open_is_given_up_on()
    {
        using var reorder = new MessageReorder(window: 2);
        Assert.Equal(MessageReorder.Disposition.Now, reorder.Offer(1, "1"u8));
        Assert.Equal(MessageReorder.Disposition.Held, reorder.Offer(3, "3"u8));
        Assert.False(reorder.TryTake(out _, out _));
        Assert.Equal(MessageReorder.Disposition.Now, reorder.Offer(2, "2"u8));
        Assert.Equal("3", Take(reorder));
        Assert.False(reorder.TryTake(out _, out _));

        // 5 never comes: once more than the window waits, the lowest goes.
        Assert.Equal(MessageReorder.Disposition.Now, reorder.Offer(4, "4"u8));
        Assert.Equal(MessageReorder.Disposition.Held, reorder.Offer(6, "6"u8));
        Assert.Equal(MessageReorder.Disposition.Held, reorder.Offer(7, "7"u8));
        Assert.False(reorder.TryTake(out _, out _));
        Assert.Equal(MessageReorder.Disposition.Held, reorder.Offer(8, "8"u8));
        Assert.Equal("6", Take(reorder));
        Assert.Equal("7", Take(reorder));
        Assert.Equal("8", Take(reorder));
        Assert.Equal(MessageReorder.Disposition.Late, reorder.Offer(5, "5"u8));
        Assert.Equal(1, reorder.GapsSkipped);

        // The stream's stop releases what waits before it.
        Assert.Equal(MessageReorder.Disposition.Held, reorder.Offer(10, "10"u8, last: true));
        Assert.Equal("10", Take(reorder));
    }

    private static string Take(MessageReorder reorder)
    {
        Assert.True(reorder.TryTake(out byte[] buffer, out int length));
        string text = Encoding.UTF8.GetString(buffer, 0, length);
        MessageReorder.Return(buffer);
        return text;
    }
}
