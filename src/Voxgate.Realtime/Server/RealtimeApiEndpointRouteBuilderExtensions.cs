using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Voxgate.Realtime.Server;

/// <summary>Maps the OpenAI-compatible realtime endpoint.</summary>
public static class RealtimeApiEndpointRouteBuilderExtensions
{
    /// <summary>The path OpenAI's SDKs connect to when given a base URL ending in <c>/v1</c>.</summary>
    public const string DefaultPattern = "/v1/realtime";

    /// <summary>
    /// Serves the DI <see cref="Microsoft.Extensions.AI.IRealtimeClient"/> on the OpenAI Realtime WebSocket protocol (GA, and
    /// beta on request) at <paramref name="pattern"/>, and mints ephemeral client secrets at <c>{pattern}/client_secrets</c>. Needs <see cref="RealtimeApiServiceCollectionExtensions.AddRealtimeApi"/>.
    /// </summary>
    public static IEndpointConventionBuilder MapRealtimeApi(this IEndpointRouteBuilder endpoints, string pattern = DefaultPattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // The endpoint brings its own WebSocket middleware, so it works whatever the app's pipeline holds.
        IApplicationBuilder pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets();
        pipeline.Run(RealtimeApiEndpoint.HandleAsync);
        RequestDelegate handler = pipeline.Build();
        endpoints.MapPost(pattern.TrimEnd('/') + "/client_secrets", RealtimeClientSecretsEndpoint.HandleAsync).WithDisplayName("OpenAI Realtime client secrets");
        return endpoints.Map(pattern, handler).WithDisplayName("OpenAI Realtime API");
    }
}
