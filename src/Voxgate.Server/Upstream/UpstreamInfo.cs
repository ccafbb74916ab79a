namespace Voxgate.Server.Upstream;

/// <summary>What the upstream is, for anyone who reports it (the gateway, health, logs); never holds the key.</summary>
/// <param name="Kind">Which kind of upstream.</param>
/// <param name="Model">The model sessions ask for.</param>
/// <param name="Endpoint">The remote address, or null for the local engine.</param>
public sealed record UpstreamInfo(UpstreamKind Kind, string Model, Uri? Endpoint)
{
    /// <summary>The kind as configured: <c>local</c>, <c>openai</c>, <c>azure</c> or <c>custom</c>.</summary>
    public string Name => Kind.ToString().ToLowerInvariant();
}
