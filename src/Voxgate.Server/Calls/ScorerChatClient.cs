using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using Voxgate.Server.Upstream;

namespace Voxgate.Server.Calls;

/// <summary>
/// The chat model the LLM call scorer asks, when there is one: the brain's OpenAI-compatible endpoint
/// (<c>Engine:Chat:Endpoint</c>), else OpenAI itself when the upstream is OpenAI with a key. Null: calls are scored offline.
/// </summary>
internal static class ScorerChatClient
{
    private const string DefaultOpenAIModel = "gpt-4o-mini";
    private const string NoKey = "no-key";

    public static IChatClient? Create(IConfiguration configuration)
    {
        string? model = configuration["Analytics:Model"];
        string? endpoint = configuration["Engine:Chat:Endpoint"];
        if (!string.IsNullOrWhiteSpace(endpoint) && Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri))
        {
            string key = configuration["Engine:Chat:ApiKey"] is { Length: > 0 } k ? k : NoKey;
            return new OpenAI.Chat.ChatClient(model ?? configuration["Engine:Chat:Model"] ?? "llama3.2", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = uri }).AsIChatClient();
        }

        var upstream = configuration.GetSection(UpstreamOptions.SectionName).Get<UpstreamOptions>() ?? new UpstreamOptions();
        if (UpstreamSettings.ResolveKind(upstream, configuration) == UpstreamKind.OpenAI
            && UpstreamSettings.ResolveKey(upstream, configuration, UpstreamKind.OpenAI) is { Length: > 0 } openAIKey)
        {
            return new OpenAI.Chat.ChatClient(model ?? DefaultOpenAIModel, new ApiKeyCredential(openAIKey)).AsIChatClient();
        }

        return null;
    }
}
