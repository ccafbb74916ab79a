using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Voxgate.Realtime.WebSockets;

namespace Voxgate.Realtime.Echo;

/// <summary>
/// An OpenAI-compatible realtime endpoint on loopback that answers every <c>input_audio_buffer.append</c> with a
/// <c>response.output_audio.delta</c> carrying the same audio: the upstream of the relay benchmark, so a gateway's whole
/// cloud path is measured while the upstream costs as little as it can (the base64 is copied, never decoded).
/// </summary>
public sealed class RealtimeEchoServer : IAsyncDisposable
{
    private static readonly byte[] SessionCreated = """{"type":"session.created","event_id":"event_echo","session":{"type":"realtime","object":"realtime.session","id":"sess_echo","model":"echo","output_modalities":["audio"],"audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"turn_detection":null},"output":{"format":{"type":"audio/pcm","rate":24000},"voice":"echo"}}}}"""u8.ToArray();
    private static readonly byte[] SessionUpdated = """{"type":"session.updated","event_id":"event_echo","session":{"type":"realtime","object":"realtime.session","id":"sess_echo","model":"echo","output_modalities":["audio"],"audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"turn_detection":null},"output":{"format":{"type":"audio/pcm","rate":24000},"voice":"echo"}}}}"""u8.ToArray();
    private static readonly byte[] DeltaPrefix = "{\"type\":\"response.output_audio.delta\",\"response_id\":\"resp_echo\",\"item_id\":\"item_echo\",\"output_index\":0,\"content_index\":0,\"delta\":\""u8.ToArray();
    private static readonly byte[] DeltaSuffix = "\"}"u8.ToArray();

    private readonly WebApplication _app;

    private RealtimeEchoServer(WebApplication app) => _app = app;

    /// <summary>The base URL to give a gateway as <c>Upstream:Endpoint</c>.</summary>
    public Uri BaseUrl => new(_app.Urls.First() + "/v1");

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<RealtimeEchoServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1));
        WebApplication app = builder.Build();
        app.UseWebSockets();
        app.Map("/v1/realtime", EchoAsync);
        await app.StartAsync().ConfigureAwait(false);
        return new RealtimeEchoServer(app);
    }

    private static async Task EchoAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var frames = new WebSocketMessageReader(1024 * 1024);
        byte[] reply = new byte[8192];
        try
        {
            await socket.SendAsync(SessionCreated, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
            while (true)
            {
                WebSocketMessage message = await frames.ReadAsync(socket, CancellationToken.None).ConfigureAwait(false);
                if (message.Kind is WebSocketMessageKind.Closed or WebSocketMessageKind.TooBig)
                {
                    break;
                }

                switch (Scan(message.Payload.Span, out int audioStart, out int audioLength))
                {
                    case Kind.Append:
                        int length = DeltaPrefix.Length + audioLength + DeltaSuffix.Length;
                        if (reply.Length < length)
                        {
                            reply = new byte[length * 2];
                        }

                        DeltaPrefix.CopyTo(reply, 0);
                        message.Payload.Span.Slice(audioStart, audioLength).CopyTo(reply.AsSpan(DeltaPrefix.Length));
                        DeltaSuffix.CopyTo(reply, DeltaPrefix.Length + audioLength);
                        await socket.SendAsync(reply.AsMemory(0, length), WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
                        break;
                    case Kind.SessionUpdate:
                        await socket.SendAsync(SessionUpdated, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
                        break;
                }
            }

            await WebSocketClosing.CloseAsync(socket, WebSocketCloseStatus.NormalClosure, null).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
        {
            // The gateway went away; nothing to clean up.
        }
    }

    private enum Kind
    {
        Other,
        Append,
        SessionUpdate,
    }

    /// <summary>The event's type, and where an append's base64 audio lies.</summary>
    private static Kind Scan(ReadOnlySpan<byte> json, out int audioStart, out int audioLength)
    {
        audioStart = audioLength = 0;
        var reader = new Utf8JsonReader(json);
        Kind kind = Kind.Other;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return kind;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isType = reader.ValueTextEquals("type"u8);
            bool isAudio = reader.ValueTextEquals("audio"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                kind = reader.ValueTextEquals("input_audio_buffer.append"u8) ? Kind.Append
                    : reader.ValueTextEquals("session.update"u8) ? Kind.SessionUpdate
                    : Kind.Other;
            }
            else if (isAudio && reader.TokenType == JsonTokenType.String)
            {
                audioStart = (int)reader.TokenStartIndex + 1;
                audioLength = reader.ValueSpan.Length;
            }
            else
            {
                reader.Skip();
            }
        }

        return kind;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
