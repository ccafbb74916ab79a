using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voxgate.Realtime.Abstractions;
using Voxgate.Realtime.Protocol;

namespace Voxgate.Realtime.Server;

/// <summary>
/// <c>POST /v1/realtime/client_secrets</c>, as OpenAI's: a real key (one of <see cref="RealtimeApiOptions.ApiKeys"/>)
/// buys an <c>ek_</c> secret with an expiry and, optionally, the session configuration it opens.
/// </summary>
internal static class RealtimeClientSecretsEndpoint
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static async Task HandleAsync(HttpContext context)
    {
        IServiceProvider services = context.RequestServices;
        RealtimeApiOptions options = services.GetRequiredService<IOptions<RealtimeApiOptions>>().Value;
        RealtimeClientSecrets secrets = services.GetRequiredService<RealtimeClientSecrets>();
        ILogger logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Voxgate.Realtime");

        // An ephemeral secret cannot buy another: only the keys themselves mint.
        if (!RealtimeHandshake.HasApiKey(context, options.ApiKeys))
        {
            Log.Refused(logger, "client secret asked for without a valid API key");
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_api_key", "Incorrect or missing API key. Send it as 'Authorization: Bearer <key>' or an 'api-key' header.", null).ConfigureAwait(false);
            return;
        }

        JsonObject request;
        try
        {
            request = await ReadBodyAsync(context).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_json", "The body is not a JSON object: " + ex.Message, null).ConfigureAwait(false);
            return;
        }

        int seconds = RealtimeClientSecrets.DefaultSeconds;
        JsonObject? session = null;
        ExtendedRealtimeSessionOptions described = new();
        try
        {
            if (JsonRead.OptionalObject(request, "expires_after", "expires_after") is { } expires)
            {
                string anchor = JsonRead.OptionalString(expires, "anchor", "expires_after.anchor") ?? "created_at";
                if (anchor != "created_at")
                {
                    throw JsonRead.InvalidValue("expires_after.anchor", $"Invalid value: '{anchor}'. Supported values are: 'created_at'.");
                }

                long asked = JsonRead.OptionalInteger(expires, "seconds", "expires_after.seconds") ?? RealtimeClientSecrets.DefaultSeconds;
                if (asked is < RealtimeClientSecrets.MinSeconds or > RealtimeClientSecrets.MaxSeconds)
                {
                    throw JsonRead.InvalidValue("expires_after.seconds", $"Invalid 'expires_after.seconds': expected a value between {RealtimeClientSecrets.MinSeconds} and {RealtimeClientSecrets.MaxSeconds}.");
                }

                seconds = (int)asked;
            }

            if (JsonRead.OptionalObject(request, "session", "session") is { } bound)
            {
                // Checked now, as a session.update would be, so a bad configuration fails here and not at connect.
                described = ClientEventMapper.SessionOptions(bound, "session");
                session = bound;
            }
        }
        catch (InvalidEventException ex)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, ex.Code, ex.Message, ex.Param).ConfigureAwait(false);
            return;
        }

        (string value, DateTimeOffset expiresAt) = secrets.Issue(session, TimeSpan.FromSeconds(seconds));
        var body = new JsonObject
        {
            ["value"] = value,
            ["expires_at"] = expiresAt.ToUnixTimeSeconds(),
            ["session"] = SessionShape.ToServerJson(EventIds.New("sess_"), described, expiresAt: null),
        };
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, RealtimeJsonContext.Default.JsonNode, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength is > MaxBodyBytes)
        {
            throw new JsonException($"The body is larger than {MaxBodyBytes} bytes.");
        }

        // Read no more than the limit, whatever the client claims (a chunked body has no length).
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new JsonException($"The body is larger than {MaxBodyBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return [];
        }

        return JsonNode.Parse(buffer.ToArray()) as JsonObject ?? throw new JsonException("Expected an object.");
    }

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message, string? param)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new HttpErrorBody(new HttpError(ProtocolError.InvalidRequest, code, message, param)), RealtimeJsonContext.Default.HttpErrorBody, context.RequestAborted).ConfigureAwait(false);
    }
}
