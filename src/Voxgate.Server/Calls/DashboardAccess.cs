using Microsoft.AspNetCore.Http.HttpResults;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Voxgate.Server.Calls;

/// <summary>
/// Guards the calls API and <c>/metrics</c>: a configured admin token, or, when none is configured, a request from loopback that no proxy
/// forwarded (behind a proxy on this machine every request looks local, so a forwarded one is refused).
/// </summary>
internal sealed class DashboardAccess(IOptions<DashboardOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return Refusal(context.HttpContext) is { } refused ? refused : await next(context).ConfigureAwait(false);
    }

    /// <summary>
    /// Guards a branch of the pipeline that is not a route handler (the Prometheus scrape at <c>/metrics</c>) the same way.
    /// </summary>
    public async Task GuardAsync(HttpContext http, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        if (Refusal(http) is { } refused)
        {
            await refused.ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        await next(http).ConfigureAwait(false);
    }

    /// <summary>Why <paramref name="http"/> may not have the answer, as the problem to send; null when it may.</summary>
    private ProblemHttpResult? Refusal(HttpContext http)
    {
        string[] tokens = options.Value.AdminTokens.Where(t => !string.IsNullOrWhiteSpace(t)).ToArray();
        if (tokens.Length == 0)
        {
            IPAddress? remote = http.Connection.RemoteIpAddress;
            bool forwarded = http.Request.Headers.ContainsKey("X-Forwarded-For") || http.Request.Headers.ContainsKey("Forwarded");
            if (remote is null || !IPAddress.IsLoopback(remote) || forwarded)
            {
                return TypedResults.Problem(
                    "This answers only this machine until Dashboard:AdminTokens is set; then send Authorization: Bearer <token>.",
                    statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
            }

            return null;
        }

        string? authorization = http.Request.Headers.Authorization;
        string? bearer = authorization?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true ? authorization["Bearer ".Length..].Trim() : null;
        if (bearer is null || !tokens.Any(t => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(t), Encoding.UTF8.GetBytes(bearer))))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem("Send Authorization: Bearer <token> with one of Dashboard:AdminTokens.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        return null;
    }
}
