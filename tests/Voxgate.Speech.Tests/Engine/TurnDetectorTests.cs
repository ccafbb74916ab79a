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

    private static float[] Speech(int frames) => Enumerable.Repeat(0.9f, frames).ToArray();

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
