using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;
using Voxgate.Calls.Analytics;
using Voxgate.Calls.Records;
using Voxgate.Calls.Tests.TestSupport;

namespace Voxgate.Calls.Tests.Analytics;

/// <summary>
/// The LLM scorer against an OpenAI-compatible chat endpoint on Kestrel (loopback) that answers as a model would:
/// structured JSON is asked for and read; a failing or nonsensical answer falls back to the offline scorer.
/// </summary>
public sealed class LlmCallScorerTests : IAsyncLifetime
{
    private WebApplication? _endpoint;
    private Func<JsonNode, IResult> _answer = _ => Results.StatusCode(500);
    private JsonNode? _lastRequest;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRouting();
        _endpoint = builder.Build();
        _endpoint.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            _lastRequest = (await JsonNode.ParseAsync(request.Body))!;
            return _answer(_lastRequest);
        });
        await _endpoint.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_endpoint is not null)
        {
            await _endpoint.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_models_structured_verdict_is_the_score()
    {
        _answer = _ => Completion("""{"sentiment":-0.6,"intent":12,"outcome":"information","summary":"An upset caller complained about waiting.","evidence":[{"score":"sentiment","signal":"complaint","quote":"I waited forty minutes","weight":-0.6}]}""");
        CallScore score = await Scorer().ScoreAsync(Call(), CancellationToken.None);

        Assert.Equal((LlmCallScorer.Name, -0.6, 12, CallOutcome.Information), (score.Scorer, score.Sentiment, score.Intent, score.Outcome));
        Assert.Equal("An upset caller complained about waiting.", score.Summary);
        Assert.Equal(("complaint", "I waited forty minutes"), (score.Evidence[0].Signal, score.Evidence[0].Text));

        // It asked for JSON against a schema, and the transcript went with it.
        Assert.Equal("json_schema", _lastRequest!["response_format"]!["type"]!.GetValue<string>());
        Assert.Contains("I waited forty minutes", _lastRequest["messages"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_endpoint_falls_back_to_the_offline_scorer()
    {
        _answer = _ => Results.StatusCode(500);
        CallScore score = await Scorer().ScoreAsync(Call(), CancellationToken.None);
        Assert.Equal("offline (llm failed)", score.Scorer);
        Assert.InRange(score.Sentiment, -1, -0.1);
    }

    [Fact]
    public async Task An_answer_out_of_range_falls_back_to_the_offline_scorer()
    {
        _answer = _ => Completion("""{"sentiment":3,"intent":500,"outcome":"sold","summary":"?","evidence":[]}""");
        Assert.Equal("offline (llm failed)", (await Scorer().ScoreAsync(Call(), CancellationToken.None)).Scorer);
    }

    [Fact]
    public async Task A_keyed_chat_client_makes_the_llm_scorer_the_one_used()
    {
        await using CallsHost host = await CallsHost.StartAsync(
            "Data Source=" + Path.Combine(Path.GetTempPath(), $"voxgate-{Guid.NewGuid():N}.db"), analysis: false,
            services: s => s.AddKeyedSingleton(CallsServiceCollectionExtensions.ScorerChatClientKey, Chat()));
        Assert.IsType<LlmCallScorer>(host.Services.GetRequiredService<ICallScorer>());
    }

    private LlmCallScorer Scorer()
        => new(Chat(), new OfflineCallScorer(new VaderAnalyzer(VaderLexicon.Load(Path.Combine(AppContext.BaseDirectory, "models", "vader", "vader_lexicon.txt")))), NullLogger<LlmCallScorer>.Instance);

    private IChatClient Chat()
        => new OpenAI.Chat.ChatClient("test-model", new ApiKeyCredential("no-key"), new OpenAIClientOptions
        {
            Endpoint = new Uri(new Uri(_endpoint!.Urls.First()), "/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).AsIChatClient();

    private static IResult Completion(string content) => Results.Json(new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000,
        ["model"] = "test-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 10, ["total_tokens"] = 20 },
    });

    private static CallDetail Call()
    {
        var summary = new CallSummary("call_llm", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1000, "browser", "local", null, "client_closed", 1000, false, null, null, null, null, null);
        return new CallDetail(summary, new CallerInfo(null, null, null), new CallUsage(0, 0),
            [new TurnRecord(1, TurnRole.Caller, null, "I waited forty minutes and I'm furious, this is terrible.", 0, 1000, false, null, null)], [], [], null);
    }
}
