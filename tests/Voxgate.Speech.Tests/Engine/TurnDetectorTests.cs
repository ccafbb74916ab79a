using Voxgate.Speech.Engine;

namespace Voxgate.Speech.Tests.Engine;

public sealed class TurnDetectorTests
{
    private const int Frame = 32;

    [Fact]
    public void Silence_pauses_the_turn_the_lead_before_the_window_closes_and_then_stops_it()
    {
        var turns = new TurnDetector(TurnDetectionSettings.Default, leadMs: 250);
        List<TurnBoundary> boundaries = Feed(turns, Speech(10), Silence(20));

        Assert.Equal(
            [new(TurnBoundaryKind.SpeechStarted, 0), new(TurnBoundaryKind.SpeechPaused, 320), new(TurnBoundaryKind.SpeechStopped, 320)],
            boundaries);
        Assert.Equal(250, turns.PauseMs);

        // The pause comes on the first frame that ends 250 ms into the silence; the stop on the one that ends 500 ms in.
        Assert.Equal(320 + 256, PauseEndMs(new TurnDetector(TurnDetectionSettings.Default, leadMs: 250)));
    }

    [Fact]
    public void Speech_after_a_pause_resumes_the_turn_and_a_later_silence_pauses_it_again()
    {
        var turns = new TurnDetector(TurnDetectionSettings.Default, leadMs: 250);
        List<TurnBoundary> boundaries = Feed(turns, Speech(10), Silence(10), Speech(5), Silence(20));

        Assert.Equal(
            [
                new(TurnBoundaryKind.SpeechStarted, 0),
                new(TurnBoundaryKind.SpeechPaused, 320),
                new(TurnBoundaryKind.SpeechResumed, 640),
                new(TurnBoundaryKind.SpeechPaused, 800),
                new(TurnBoundaryKind.SpeechStopped, 800),
            ],
            boundaries);
    }

    [Fact]
    public void A_short_gap_before_the_pause_is_no_boundary_at_all()
    {
        List<TurnBoundary> boundaries = Feed(new TurnDetector(TurnDetectionSettings.Default, leadMs: 250), Speech(10), Silence(5), Speech(5), Silence(20));

        Assert.Equal([TurnBoundaryKind.SpeechStarted, TurnBoundaryKind.SpeechPaused, TurnBoundaryKind.SpeechStopped], boundaries.Select(b => b.Kind));
    }

    [Theory]
    [InlineData(500, 250, 250)]
    [InlineData(500, 0, null)]
    [InlineData(500, 400, 150)]
    [InlineData(200, 250, 150)]
    [InlineData(150, 250, null)]
    [InlineData(1200, 250, 950)]
    public void The_pause_leaves_the_words_at_least_150_ms_of_silence_and_comes_before_the_window_or_not_at_all(int windowMs, int leadMs, int? pauseMs)
    {
        var turns = new TurnDetector(TurnDetectionSettings.Default with { SilenceDurationMs = windowMs }, leadMs);
        Assert.Equal(pauseMs, turns.PauseMs);
    }

    [Fact]
    public void Without_a_lead_turns_start_and_stop_as_they_always_did()
    {
        List<TurnBoundary> boundaries = Feed(new TurnDetector(TurnDetectionSettings.Default), Speech(10), Silence(10), Speech(5), Silence(20));

        Assert.Equal([new(TurnBoundaryKind.SpeechStarted, 0), new(TurnBoundaryKind.SpeechStopped, 800)], boundaries);
    }

    [Theory]
    [InlineData(0, 320)]
    [InlineData(1, 320)]
    [InlineData(2, 320)]
    [InlineData(5, 320 + (3 * Frame))]
    public void The_window_counts_from_the_last_confident_frame_across_at_most_two_frames_of_a_fading_tail(int fadingFrames, long stoppedAtMs)
    {
        var turns = new TurnDetector(TurnDetectionSettings.Default);
        List<TurnBoundary> boundaries = Feed(turns, Speech(10), Fading(fadingFrames), Silence(20));

        Assert.Equal([new(TurnBoundaryKind.SpeechStarted, 0), new(TurnBoundaryKind.SpeechStopped, stoppedAtMs)], boundaries);

        // And it closes on the first frame that ends 500 ms after that, not a frame or two later.
        Assert.Equal(stoppedAtMs + 512, StopFrameEndMs(new TurnDetector(TurnDetectionSettings.Default), Speech(10), Fading(fadingFrames), Silence(20)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void The_window_counts_from_where_the_voice_ends_inside_the_last_confident_frame(int fadingFrames)
    {
        // The voice ends 20 ms into the tenth frame (288–320 ms): the window runs from 308 ms, not from the frame's end.
        var turns = new TurnDetector(TurnDetectionSettings.Default);
        var boundaries = new List<TurnBoundary>();
        long at = 0;
        foreach (float probability in Speech(10).Concat(Fading(fadingFrames)).Concat(Silence(20)))
        {
            long? voiceEnd = at == 288 ? 308 : null;
            if (turns.Process(probability, at, at + Frame, voiceEnd) is { Kind: not TurnBoundaryKind.None } boundary)
            {
                boundaries.Add(boundary);
            }

            at += Frame;
        }

        Assert.Equal([new(TurnBoundaryKind.SpeechStarted, 0), new(TurnBoundaryKind.SpeechStopped, 308)], boundaries);
    }

    [Fact]
    public void The_window_closes_between_frames_once_its_audio_has_come_and_the_rest_of_the_frame_so_far_is_quiet()
    {
        var turns = new TurnDetector(TurnDetectionSettings.Default, leadMs: 250);
        Assert.Equal([TurnBoundaryKind.SpeechStarted, TurnBoundaryKind.SpeechPaused], Feed(turns, Speech(10), Silence(15)).Select(b => b.Kind));

        // 15 silent frames end at 800 ms: 480 ms of the window. At 820 ms it is whole (the frame filling then would end
        // at 832), but not while the tail is loud, and never before it is whole.
        Assert.Equal(TurnBoundaryKind.None, turns.CloseWindow(819, tailQuiet: true).Kind);
        Assert.Equal(TurnBoundaryKind.None, turns.CloseWindow(820, tailQuiet: false).Kind);
        Assert.Equal(new TurnBoundary(TurnBoundaryKind.SpeechStopped, 320), turns.CloseWindow(820, tailQuiet: true));

        // Stopped once: neither a second close nor the frame that completes the 32 ms reports it again.
        Assert.Equal(TurnBoundaryKind.None, turns.CloseWindow(830, tailQuiet: true).Kind);
        Assert.Equal(TurnBoundaryKind.None, turns.Process(0.01f, 800, 832).Kind);
        Assert.False(turns.InSpeech);
    }

    [Fact]
    public void The_window_does_not_close_between_frames_while_the_last_frames_were_speech_or_a_fading_tail()
    {
        var speaking = new TurnDetector(TurnDetectionSettings.Default);
        Feed(speaking, Speech(10));
        Assert.Equal(TurnBoundaryKind.None, speaking.CloseWindow(5000, tailQuiet: true).Kind);

        var fading = new TurnDetector(TurnDetectionSettings.Default);
        Feed(fading, Speech(10), Fading(3));
        Assert.Equal(TurnBoundaryKind.None, fading.CloseWindow(5000, tailQuiet: true).Kind);
        Assert.Equal(TurnBoundaryKind.None, new TurnDetector(TurnDetectionSettings.Default).CloseWindow(5000, tailQuiet: true).Kind);
    }

    private static float[] Speech(int frames) => Enumerable.Repeat(0.9f, frames).ToArray();

    // Between the hysteresis (0.35 by default) and the threshold (0.5): the model's probability over a word's tail.
    private static float[] Fading(int frames) => Enumerable.Repeat(0.4f, frames).ToArray();

    private static float[] Silence(int frames) => Enumerable.Repeat(0.01f, frames).ToArray();

    private static List<TurnBoundary> Feed(TurnDetector turns, params float[][] parts)
    {
        var boundaries = new List<TurnBoundary>();
        long at = 0;
        foreach (float probability in parts.SelectMany(p => p))
        {
            TurnBoundary boundary = turns.Process(probability, at, at + Frame);
            if (boundary.Kind != TurnBoundaryKind.None)
            {
                boundaries.Add(boundary);
            }

            at += Frame;
        }

        return boundaries;
    }

    private static long StopFrameEndMs(TurnDetector turns, params float[][] parts)
    {
        long at = 0;
        foreach (float probability in parts.SelectMany(p => p))
        {
            if (turns.Process(probability, at, at + Frame).Kind == TurnBoundaryKind.SpeechStopped)
            {
                return at + Frame;
            }

            at += Frame;
        }

        return -1;
    }

    private static long PauseEndMs(TurnDetector turns)
    {
        long at = 0;
        foreach (float probability in Speech(10).Concat(Silence(20)))
        {
            if (turns.Process(probability, at, at + Frame).Kind == TurnBoundaryKind.SpeechPaused)
            {
                return at + Frame;
            }

            at += Frame;
        }

        return -1;
    }
}
