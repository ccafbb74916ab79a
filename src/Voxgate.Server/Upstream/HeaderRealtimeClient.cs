using System.ClientModel.Primitives;
using OpenAI.Realtime;

namespace Voxgate.Server.Upstream;

/// <summary>
/// The SDK's <see cref="RealtimeClient"/> that adds fixed headers (Azure's <c>api-key</c>) to every WebSocket it opens:
/// Microsoft.Extensions.AI's <c>OpenAIRealtimeClient</c> starts sessions without <see cref="RealtimeSessionClientOptions"/>.
/// </summary>
internal sealed class HeaderRealtimeClient(AuthenticationPolicy authentication, RealtimeClientOptions options, IReadOnlyDictionary<string, string> headers)
    : RealtimeClient(authentication, options)
{
    public override Task<RealtimeSessionClient> StartSessionAsync(string model, string intent, RealtimeSessionClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RealtimeSessionClientOptions();
        foreach ((string name, string value) in headers)
        {
            options.Headers[name] = value;
        }

        return base.StartSessionAsync(model, intent, options, cancellationToken);
    }
}
