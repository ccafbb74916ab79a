using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Voxgate.Server.Hosting;

namespace Voxgate.Server.Tests.Hosting;

public sealed class VoxgateHostTests
{
    [Fact]
    public async Task Healthz_is_200_when_the_engine_has_its_models()
    {
        await using var server = await TestServer.StartAsync();
        using HttpResponseMessage response = await server.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("healthy", json.RootElement.GetProperty("checks").GetProperty("engine").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_is_503_and_names_a_missing_model_file()
    {
        await using var server = await TestServer.StartAsync("--Engine:VadModelPath=/nonexistent/silero.onnx");
        using HttpResponseMessage response = await server.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("/nonexistent/silero.onnx", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Engine:Voice=bob", "Engine:Voice")]
    [InlineData("--Engine:RecognizerPoolSize=0", "RecognizerPoolSize")]
    [InlineData("--Engine:VadModelPath=", "VadModelPath")]
    public async Task A_wrong_setting_stops_the_start_with_a_message_naming_it(string setting, string named)
    {
        WebApplication app = VoxgateHost.Build(["--Logging:LogLevel:Default=None", setting], "http://127.0.0.1:0", new Dictionary<string, string>());
        await using (app)
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Environment_variables_with_the_VOXGATE_prefix_configure_the_server()
    {
        // The host's own environment mapping, fed without touching this process's variables (other tests run beside).
        WebApplication app = VoxgateHost.Build(["--Logging:LogLevel:Default=None"], "http://127.0.0.1:0", new Dictionary<string, string> { ["VOXGATE__Engine__Voice"] = "nobody" });
        await using (app)
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains("'nobody'", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_test_host_never_sees_the_machines_OPENAI_API_KEY_but_the_real_host_would()
    {
        Assert.Equal("local", (await UpstreamOf(new Dictionary<string, string>())).Name);
        Assert.Equal("openai", (await UpstreamOf(new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-test" })).Name);

        static async Task<Voxgate.Server.Upstream.UpstreamInfo> UpstreamOf(Dictionary<string, string> environment)
        {
            WebApplication app = VoxgateHost.Build(["--Logging:LogLevel:Default=None"], "http://127.0.0.1:0", environment);
            await using (app)
            {
                return Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Voxgate.Server.Upstream.UpstreamInfo>(app.Services);
            }
        }
    }
}
