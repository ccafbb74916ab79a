using Voxgate.Speech.Engine;

namespace Voxgate.Speech.Tests.Engine;

/// <summary>One loaded local engine (VAD model, warm recognisers, flite) shared by the engine tests.</summary>
public sealed class EngineFixture : IAsyncLifetime, IDisposable
{
    public LocalSpeechEngine Engine { get; } = new(new LocalEngineOptions { RecognizerPoolSize = 2 });

    public Task InitializeAsync() => Engine.WarmUpAsync(2);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Engine.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SharedEngine : ICollectionFixture<EngineFixture>
{
    public const string Name = "local engine";
}
