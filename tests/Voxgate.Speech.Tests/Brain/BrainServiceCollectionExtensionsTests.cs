using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voxgate.Speech.Brain;

namespace Voxgate.Speech.Tests.Brain;

public sealed class BrainServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<ReceptionistOptions>? configure = null)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddVoxgateBrain(configuration, configure).BuildServiceProvider(validateScopes: true);
    }

    [Fact]
    public async Task Without_an_endpoint_the_brain_is_the_receptionist()
    {
        using ServiceProvider services = Build([], o => o.BusinessName = "Clip Salon");

        IChatClient client = services.GetRequiredService<IChatClient>();

        Assert.NotNull(client.GetService<ReceptionistChatClient>());
        Assert.Same(client, services.GetRequiredService<IChatClient>());
        Assert.Equal("Thanks for calling Clip Salon. Goodbye.", (await client.GetResponseAsync("bye")).Text);
    }

    [Fact]
    public void Binds_the_chat_settings_with_defaults()
    {
        using ServiceProvider services = Build(new() { ["Engine:Chat:Endpoint"] = "http://127.0.0.1:11434/v1" });

        ChatBrainOptions options = services.GetRequiredService<IOptions<ChatBrainOptions>>().Value;

        Assert.Equal("http://127.0.0.1:11434/v1", options.Endpoint);
        Assert.Equal("llama3.2", options.Model);
        Assert.Null(options.ApiKey);
    }

    [Theory]
    [InlineData("Engine:Chat:Endpoint", "not a url")]
    [InlineData("Engine:Chat:Endpoint", "ftp://127.0.0.1/v1")]
    [InlineData("Engine:Chat:Model", "")]
    public void Rejects_invalid_settings(string key, string value)
    {
        using ServiceProvider services = Build(new() { [key] = value });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ChatBrainOptions>>().Value);
    }

    [Fact]
    public void Validates_the_settings_at_start()
    {
        using ServiceProvider services = Build(new() { ["Engine:Chat:Endpoint"] = "localhost:11434" });

        Assert.Throws<OptionsValidationException>(services.GetRequiredService<IStartupValidator>().Validate);
    }

    [Fact]
    public void An_empty_endpoint_means_the_receptionist()
    {
        using ServiceProvider services = Build(new() { ["Engine:Chat:Endpoint"] = "" });

        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(services.GetRequiredService<IChatClient>().GetService<ReceptionistChatClient>());
    }

    [Fact]
    public async Task With_an_endpoint_the_brain_talks_to_an_openai_compatible_server()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        using ServiceProvider services = Build(new()
        {
            ["Engine:Chat:Endpoint"] = server.BaseUrl,
            ["Engine:Chat:Model"] = "tiny-model",
            ["Engine:Chat:ApiKey"] = "secret-key",
        });
        IChatClient client = services.GetRequiredService<IChatClient>();
        Assert.Null(client.GetService<ReceptionistChatClient>());

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("hello").ToListAsync();

        Assert.Equal("Hello from the fake model.", updates.ToChatResponse().Text);
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 2);
        FakeChatCompletionsServer.Request request = Assert.Single(server.Requests);
        Assert.Equal("Bearer secret-key", request.Authorization);
        Assert.Contains("\"model\":\"tiny-model\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"stream\":true", request.Body, StringComparison.Ordinal);
        Assert.Contains("hello", request.Body, StringComparison.Ordinal);

        ChatResponse response = await client.GetResponseAsync("hello again");
        Assert.Equal("Hello from the fake model.", response.Text);
    }

    /// <summary>A stand-in for a local LLM server: answers <c>/v1/chat/completions</c> with canned text on loopback.</summary>
    private sealed class FakeChatCompletionsServer : IAsyncDisposable
    {
        private const string Chunk = """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"tiny-model","choices":[{"index":0,"delta":{DELTA},"finish_reason":FINISH}]}""";

        private const string Completion = """{"id":"chatcmpl-2","object":"chat.completion","created":1700000000,"model":"tiny-model","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the fake model."},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}""";

        private readonly WebApplication _app;

        private FakeChatCompletionsServer(WebApplication app) => _app = app;

        public sealed record Request(string? Authorization, string Body);

        public List<Request> Requests { get; } = [];

        public string BaseUrl => _app.Urls.First() + "/v1";

        public static async Task<FakeChatCompletionsServer> StartAsync()
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            WebApplication app = builder.Build();
            app.Urls.Add("http://127.0.0.1:0");
            var server = new FakeChatCompletionsServer(app);
            app.MapPost("/v1/chat/completions", server.AnswerAsync);
            await app.StartAsync();
            return server;
        }

        private async Task AnswerAsync(HttpContext context)
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            string body = await reader.ReadToEndAsync(context.RequestAborted);
            lock (Requests)
            {
                Requests.Add(new Request(context.Request.Headers.Authorization, body));
            }

            if (!body.Contains("\"stream\":true", StringComparison.Ordinal))
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(Completion, context.RequestAborted);
                return;
            }

            context.Response.ContentType = "text/event-stream";
            string[] events =
            [
                Chunk.Replace("{DELTA}", """{"role":"assistant","content":"Hello"}""", StringComparison.Ordinal).Replace("FINISH", "null", StringComparison.Ordinal),
                Chunk.Replace("{DELTA}", """{"content":" from the fake model."}""", StringComparison.Ordinal).Replace("FINISH", "null", StringComparison.Ordinal),
                Chunk.Replace("{DELTA}", "{}", StringComparison.Ordinal).Replace("FINISH", "\"stop\"", StringComparison.Ordinal),
                "data: [DONE]",
            ];
            foreach (string item in events)
            {
                await context.Response.WriteAsync(item + "\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
