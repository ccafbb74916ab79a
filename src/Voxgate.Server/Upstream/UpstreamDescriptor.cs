namespace Voxgate.Server.Upstream;

/// <summary>What the configured upstream is, for clients to see (e.g. the gateway's <c>session.ready</c>).</summary>
/// <param name="Kind"><c>local</c>, <c>openai</c>, <c>azure</c> or <c>custom</c>.</param>
internal sealed record UpstreamDescriptor(string Kind);
