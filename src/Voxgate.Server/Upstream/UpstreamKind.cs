namespace Voxgate.Server.Upstream;

/// <summary>Where the model that answers callers runs.</summary>
public enum UpstreamKind
{
    /// <summary>The offline engine in this process (Silero VAD → pocketsphinx → brain → flite).</summary>
    Local,

    /// <summary>OpenAI's Realtime API (GA).</summary>
    OpenAI,

    /// <summary>Azure OpenAI's GA realtime endpoint (<c>/openai/v1/realtime</c>), with an <c>api-key</c>.</summary>
    Azure,

    /// <summary>Any OpenAI-compatible realtime URL, for example another Voxgate's <c>/v1/realtime</c>.</summary>
    Custom,
}
