using Microsoft.Extensions.Time.Testing;
using Voxgate.Server.Relay.Policy;

namespace Voxgate.Server.Tests.Relay.Policy;

/// <summary>When a quiet caller's call ends: exactly one timeout after they were last heard, once, and never while they talk.</summary>
public sealed class IdleWatchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [Fact]
    public void A_caller_heard_every_100_ms_is_never_idle_and_silence_ends_the_call_one_timeout_after_the_last_frame()
    {
        var time = new FakeTimeProvider();
        int expired = 0;
        using var watch = new IdleWatch(time, Timeout, () => expired++);

        // Seven seconds of frames: more than twice the timeout.
        for (int ms = 0; ms < 7000; ms += 100)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            watch.Heard();
        }

        Assert.Equal(0, expired);
        time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, expired);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, expired);

        // Once ended, it stays ended: no second call, even if input comes late.
        watch.Heard();
        time.Advance(Timeout * 3);
        Assert.Equal(1, expired);
    }

    [Fact]
    public void A_caller_never_heard_is_idle_one_timeout_after_the_watch_starts()
    {
        var time = new FakeTimeProvider();
        int expired = 0;
        using var watch = new IdleWatch(time, Timeout, () => expired++);

        time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, expired);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, expired);
    }

    [Fact]
    public void A_watch_disposed_with_its_call_never_fires()
    {
        var time = new FakeTimeProvider();
        int expired = 0;
        var watch = new IdleWatch(time, Timeout, () => expired++);
        watch.Dispose();

        time.Advance(Timeout * 2);
        Assert.Equal(0, expired);
    }
}
