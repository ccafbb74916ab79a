using Voxgate.Calls.Tests.TestSupport;
using Voxgate.Server.Relay.Policy;

namespace Voxgate.Server.Tests.Relay.Policy;

/// <summary>Where a barge-in cuts: the browser's reports or the clock, and a carrier's confirmations only.</summary>
public sealed class PlaybackTrackerTests
{
    private const int MuLawBytesPerMs = 8;

    [Fact]
    public void The_browser_rule_takes_the_report_and_without_one_the_clock_both_clamped_to_what_was_sent()
    {
        var time = new ManualTime(DateTimeOffset.UnixEpoch);
        var tracker = new PlaybackTracker(time, bytesPerMs: 48);
        tracker.OnAudio("item_1", 48 * 1000);

        time.AdvanceMs(300);
        Assert.Equal(300, tracker.PlayedMs());
        time.AdvanceMs(5000);
        Assert.Equal(1000, tracker.PlayedMs());

        tracker.OnReport("item_1", 420);
        Assert.Equal(420, tracker.PlayedMs());
        Assert.True(tracker.IsPlaying);
    }

    [Fact]
    public void The_confirmed_rule_cuts_at_the_last_confirmation_plus_50_ms_and_never_follows_the_clock()
    {
        var time = new ManualTime(DateTimeOffset.UnixEpoch);
        var tracker = new PlaybackTracker(time, MuLawBytesPerMs, PlaybackRule.Confirmed);
        tracker.OnAudio("item_1", MuLawBytesPerMs * 3000);

        // Seconds pass but nothing is confirmed: only the allowance counts (the carrier may not have played a thing).
        time.AdvanceMs(2000);
        Assert.Equal(50, tracker.PlayedMs());

        tracker.OnReport("item_1", 1200);
        Assert.Equal(1250, tracker.PlayedMs());

        // An older or foreign confirmation changes nothing.
        tracker.OnReport("item_1", 400);
        tracker.OnReport("item_0", 2900);
        Assert.Equal(1250, tracker.PlayedMs());
    }

    [Fact]
    public void Under_the_confirmed_rule_only_the_final_confirmation_ends_playback_and_the_cut_never_passes_what_was_sent()
    {
        var tracker = new PlaybackTracker(new ManualTime(DateTimeOffset.UnixEpoch), MuLawBytesPerMs, PlaybackRule.Confirmed);
        tracker.OnAudio("item_1", MuLawBytesPerMs * 1000);

        tracker.OnReport("item_1", 980);
        Assert.Equal(1000, tracker.PlayedMs());
        Assert.True(tracker.IsPlaying);

        tracker.OnReport("item_1", 1000);
        Assert.False(tracker.IsPlaying);
    }

    [Fact]
    public void A_new_item_starts_from_nothing_confirmed()
    {
        var tracker = new PlaybackTracker(new ManualTime(DateTimeOffset.UnixEpoch), MuLawBytesPerMs, PlaybackRule.Confirmed);
        tracker.OnAudio("item_1", MuLawBytesPerMs * 1000);
        tracker.OnReport("item_1", 1000);

        Assert.True(tracker.OnAudio("item_2", MuLawBytesPerMs * 20));
        Assert.Equal(20, tracker.PlayedMs());
        Assert.True(tracker.IsPlaying);
    }
}
