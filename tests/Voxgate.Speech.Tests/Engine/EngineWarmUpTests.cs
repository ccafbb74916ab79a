using Voxgate.Speech.Engine;
using Voxgate.Speech.Recognition;

namespace Voxgate.Speech.Tests.Engine;

/// <summary>The engine's start-up warm-up, on the real models.</summary>
public sealed class EngineWarmUpTests
{
    [Fact]
    public async Task Warming_up_more_recognisers_than_the_pool_holds_warms_the_pool_and_leaves_them_free_for_callers()
    {
        using var engine = new LocalSpeechEngine(new LocalEngineOptions { RecognizerPoolSize = 1 });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // Two asked of a pool of one: all of them could never be rented at once, so the warm-up takes the one.
        await engine.WarmUpAsync(2, timeout.Token);

        // It went back reset: a caller rents it at once and hears its words.
        using PocketSphinxRecognizer recognizer = await engine.Recognition.CreateRecognizerAsync(timeout.Token);
        recognizer.Start();
        recognizer.Accept(await TestSupport.SpeechAudio.SynthesizeAsync("what are your opening hours"));
        Assert.Contains("opening hours", recognizer.Finish(), StringComparison.Ordinal);
    }
}
