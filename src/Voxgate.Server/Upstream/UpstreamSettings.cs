namespace Voxgate.Server.Upstream;

/// <summary>Resolves the effective upstream from <see cref="UpstreamOptions"/> and the environment.</summary>
internal static class UpstreamSettings
{
    public const string DefaultModel = "gpt-realtime";

    public static UpstreamKind ResolveKind(UpstreamOptions options, IConfiguration configuration)
        => options.Kind ?? (string.IsNullOrWhiteSpace(configuration[UpstreamOptions.OpenAIKeyVariable]) ? UpstreamKind.Local : UpstreamKind.OpenAI);

    public static string? ResolveKey(UpstreamOptions options, IConfiguration configuration, UpstreamKind kind)
        => !string.IsNullOrWhiteSpace(options.ApiKey) ? options.ApiKey
            : kind == UpstreamKind.OpenAI ? configuration[UpstreamOptions.OpenAIKeyVariable]
            : null;

    public static UpstreamInfo Describe(UpstreamOptions options, IConfiguration configuration)
    {
        UpstreamKind kind = ResolveKind(options, configuration);
        return kind switch
        {
            UpstreamKind.Local => new UpstreamInfo(kind, options.Model ?? Speech.Engine.LocalRealtimeClient.ModelId, null),
            UpstreamKind.Azure => new UpstreamInfo(kind, options.Deployment ?? string.Empty, AzureEndpoint(options.Endpoint!)),
            UpstreamKind.Custom => new UpstreamInfo(kind, options.Model ?? DefaultModel, new Uri(options.Endpoint!)),
            _ => new UpstreamInfo(kind, options.Model ?? DefaultModel, null),
        };
    }

    /// <summary>Azure's GA realtime lives under <c>/openai/v1/</c> of the resource, with no api-version.</summary>
    public static Uri AzureEndpoint(string resource)
    {
        string trimmed = resource.TrimEnd('/');
        return new Uri(trimmed.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase) ? trimmed + "/" : trimmed + "/openai/v1/");
    }
}
