using Microsoft.Extensions.Options;

namespace Voxgate.Server.Upstream;

/// <summary>Checks that each upstream kind has what it needs, naming the missing setting.</summary>
internal sealed class UpstreamOptionsValidator(IConfiguration configuration) : IValidateOptions<UpstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        var failures = new List<string>();
        UpstreamKind kind = UpstreamSettings.ResolveKind(options, configuration);
        string? key = UpstreamSettings.ResolveKey(options, configuration, kind);
        switch (kind)
        {
            case UpstreamKind.OpenAI when string.IsNullOrWhiteSpace(key):
                failures.Add($"Upstream:Kind=openai needs Upstream:ApiKey or the {UpstreamOptions.OpenAIKeyVariable} environment variable.");
                break;
            case UpstreamKind.Azure:
                CheckEndpoint(options.Endpoint, failures);
                if (string.IsNullOrWhiteSpace(options.Deployment))
                {
                    failures.Add("Upstream:Kind=azure needs Upstream:Deployment (the realtime model's deployment name).");
                }

                if (string.IsNullOrWhiteSpace(key))
                {
                    failures.Add("Upstream:Kind=azure needs Upstream:ApiKey (sent as the api-key header).");
                }

                break;
            case UpstreamKind.Custom:
                CheckEndpoint(options.Endpoint, failures);
                break;
        }

        if (options.Model is { Length: 0 } || options.Voice is { Length: 0 })
        {
            failures.Add("Upstream:Model and Upstream:Voice must not be empty when set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckEndpoint(string? endpoint, List<string> failures)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            failures.Add($"Upstream:Endpoint must be an absolute http(s) or ws(s) URL, not '{endpoint}'.");
        }
    }
}
