using Voxgate.Speech.Recognition;

namespace Voxgate.Speech.Tests.Recognition;

/// <summary>One recogniser client (decoders take half a second to load) for the recognition tests, which run one at a time.</summary>
public sealed class RecognitionFixture : IDisposable
{
    public PocketSphinxSpeechToTextClient Client { get; } = new(maxDecoders: 2);

    public void Dispose() => Client.Dispose();
}

[CollectionDefinition(Name)]
public sealed class RecognitionGroup : ICollectionFixture<RecognitionFixture>
{
    public const string Name = "Recognition";
}
