using Voxgate.Realtime.Abstractions;
using Voxgate.Speech.Engine;
using Voxgate.Speech.Tests.TestSupport;
using static Voxgate.Speech.Tests.Engine.SessionDriver;

namespace Voxgate.Speech.Tests.Engine;

/// <summary>
/// The silence window on real flite speech: counted from where the voice ends, not from the end of the VAD frame it ends
/// in, and closed as soon as its audio has come, not when the 32 ms frame holding its end has filled.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class WindowCloseTests(EngineFixture fixture)
{
    [Fact]
    public async Task The_window_closes_500_ms_after_the_voice_ends_even_inside_a_vad_frame()
    {
        short[] speech = SpeechAudio.Trimmed(await SpeechAudio.SynthesizeAsync("what are your opening hours", "slt", 24000));
        int speechMs = speech.Length / 24;

        // The voice ends 4 ms into a VAD frame: counting from that frame's end, the window would need 528 ms more.
        int leadMs = 300 + (((4 - ((300 + speechMs) % 32)) % 32) + 32) % 32;
        long voiceEndMs = leadMs + speechMs;
        Assert.Equal(4, voiceEndMs % 32);

        var brain = new RecordingChatClient();
        await using var driver = await StartAsync(new LocalRealtimeClient(fixture.Engine, brain));
        await driver.SendSilenceAsync(leadMs);
        await driver.SendAudioAsync(speech);
        await driver.SendSilenceAsync(450);

        // The reply prepared at the pause (250 ms in) shows the session has heard the silence that far; no stop yet.
        await brain.WaitForRequestsAsync(1);
        Assert.Null(driver.Find(m => TypeOf(m) == "InputAudioBufferSpeechStopped"));

        // 515 ms of silence: the window is whole, the frame it ends in is not.
        await driver.SendSilenceAsync(65);
        var stopped = (InputAudioBufferSpeechStoppedRealtimeServerMessage)await driver.WaitForTypeAsync("InputAudioBufferSpeechStopped", timeout: TimeSpan.FromSeconds(10));

        // The turn ends where the voice does: at its last sample within 30 dB of the last frame's peak, so a little
        // before the −50 dBFS the clip was trimmed at, and after it only by the 24 → 16 kHz resampler's delay (3 ms).
        Assert.InRange(stopped.AudioEndMs, voiceEndMs - 40, voiceEndMs + 4);
    }
}
