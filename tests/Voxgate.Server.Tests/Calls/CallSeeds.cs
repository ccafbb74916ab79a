using System.Net;
using Voxgate.Calls.Recording;

namespace Voxgate.Server.Tests.Calls;

/// <summary>Calls recorded through the recorder API as a relay would, with audio, for the API and dashboard tests.</summary>
internal static class CallSeeds
{
    /// <summary>A booking call: caller audio, a reply heard and a tool call; ends normally.</summary>
    public static string Booking(CallRecorder recorder)
    {
        ICallRecording call = recorder.Begin(new CallStart("browser", "local", "voxgate-local", IPAddress.Loopback, "test-agent"));
        call.CallerSpeechStarted();
        call.CallerAudio(Tone(440, 1500));
        call.CallerSpeechStopped();
        call.CallerTranscript("Hello, I'd like to book a check up on Friday at ten please.");
        call.ToolCalled("call_1", "book_appointment", """{"date":"2026-11-27","time":"10:00","name":"Ada"}""");
        call.ToolCompleted("call_1", """{"booked":true,"reference":"GB-20261127-001","date":"2026-11-27","time":"10:00","name":"Ada","service":"check up"}""");
        call.AgentAudio("item_1", Tone(880, 4000));
        call.AgentAudioPlayed("item_1", 20);
        call.AgentTranscript("item_1", "You're booked for Friday at ten, reference GB-20261127-001.");
        call.CallerTranscript("Wonderful, thank you so much!");
        call.End("client_closed", 1000);
        return call.CallId;
    }

    /// <summary>An angry caller who gets no booking.</summary>
    public static string Complaint(CallRecorder recorder)
    {
        ICallRecording call = recorder.Begin(new CallStart("browser", "local"));
        call.CallerAudio(Tone(300, 400));
        call.CallerTranscript("This is ridiculous, I'm furious. Your service is terrible.");
        call.AgentAudio("item_1", Tone(660, 400));
        call.AgentTranscript("item_1", "I'm sorry to hear that.");
        call.End("client_closed", 1000);
        return call.CallId;
    }

    public static byte[] Tone(double hz, int ms)
    {
        var samples = new float[24 * ms];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(0.4 * Math.Sin(2 * Math.PI * hz * i / 24000));
        }

        var bytes = new byte[samples.Length * 2];
        Voxgate.Audio.Pcm16.FromFloat(samples, bytes);
        return bytes;
    }
}
