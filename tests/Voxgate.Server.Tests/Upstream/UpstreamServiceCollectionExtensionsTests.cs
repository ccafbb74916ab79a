using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Voxgate.Server.Hosting;
using Voxgate.Server.Tests.Hosting;
using Voxgate.Realtime.Client;
using Voxgate.Server.Upstream;

namespace Voxgate.Server.Tests.Upstream;

public sealed class UpstreamServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData("--Upstream:Kind=azure", "Upstream:Deployment")]
    [InlineData("--Upstream:Kind=custom", "Upstream:Endpoint")]
    [InlineData("--Upstream:Kind=openai", "OPENAI_API_KEY")]
    public async Task A_remote_kind_without_its_settings_stops_the_start_naming_them(string kind, string named)
    {
        WebApplication app = VoxgateHost.Build(["--Logging:LogLevel:Default=None", kind], "http://127.0.0.1:0", new Dictionary<string, string>());
        await using (app)
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OPENAI_API_KEY_alone_selects_OpenAI_and_health_no_longer_needs_the_engine_files()
    {
        await using TestServer server = await TestServer.StartAsync("--OPENAI_API_KEY=sk-test", "--Engine:VadModelPath=/nonexistent/silero.onnx");
        UpstreamInfo upstream = server.Services.GetRequiredService<UpstreamInfo>();
        Assert.Equal(UpstreamKind.OpenAI, upstream.Kind);
        Assert.Equal("openai", upstream.Name);
        Assert.Equal("gpt-realtime", upstream.Model);
        Assert.NotNull(server.Services.GetRequiredService<IRealtimeClient>().GetService(typeof(WebSocketRealtimeClient)));
        using HttpResponseMessage health = await server.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Azure_takes_endpoint_deployment_and_key_and_every_kind_is_wrapped_in_the_middleware()
    {
        await using TestServer server = await TestServer.StartAsync("--Upstream:Kind=azure", "--Upstream:Endpoint=https://example-resource.openai.azure.com", "--Upstream:Deployment=my-realtime", "--Upstream:ApiKey=k");
        UpstreamInfo upstream = server.Services.GetRequiredService<UpstreamInfo>();
        Assert.Equal(new Uri("https://example-resource.openai.azure.com/openai/v1/"), upstream.Endpoint);
        Assert.Equal("my-realtime", upstream.Model);
        IRealtimeClient client = server.Services.GetRequiredService<IRealtimeClient>();
        Assert.NotNull(client.GetService(typeof(FunctionInvokingRealtimeClient)));
        Assert.NotNull(client.GetService(typeof(LoggingRealtimeClient)));
        Assert.NotNull(client.GetService(typeof(OpenTelemetryRealtimeClient)));
    }
}
