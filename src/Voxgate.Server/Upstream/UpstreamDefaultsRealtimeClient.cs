using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Server.Upstream;

/// <summary>Starts every session with the configured voice unless the caller names one.</summary>
internal sealed class UpstreamDefaultsRealtimeClient(IRealtimeClient inner, string voice) : DelegatingRealtimeClient(inner)
{
    public override Task<IRealtimeClientSession> CreateSessionAsync(RealtimeSessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.Voice is null)
        {
            var extended = options as ExtendedRealtimeSessionOptions;
            options = options is null
                ? new ExtendedRealtimeSessionOptions { Voice = voice }
                : new ExtendedRealtimeSessionOptions
                {
                    SessionKind = options.SessionKind,
                    Model = options.Model,
                    InputAudioFormat = options.InputAudioFormat,
                    TranscriptionOptions = options.TranscriptionOptions,
                    OutputAudioFormat = options.OutputAudioFormat,
                    Voice = voice,
                    Instructions = options.Instructions,
                    MaxOutputTokens = options.MaxOutputTokens,
                    OutputModalities = options.OutputModalities,
                    ToolMode = options.ToolMode,
                    Tools = options.Tools,
                    VoiceActivityDetection = options.VoiceActivityDetection,
                    RawRepresentationFactory = options.RawRepresentationFactory,
                    ReasoningEffort = extended?.ReasoningEffort,
                    ParallelToolCalls = extended?.ParallelToolCalls,
                    Speed = extended?.Speed,
                    NoiseReduction = extended?.NoiseReduction,
                };
        }

        return base.CreateSessionAsync(options, cancellationToken);
    }
}
