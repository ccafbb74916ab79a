using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Voxgate.Server.Calls;

/// <summary>
/// Guards the calls API: a configured admin token, or, when none is configured, a request from loopback that no proxy
/// forwarded (behind a proxy on this machine every request looks local, so a forwarded one is refused).
/// </summary>
internal sealed class DashboardAccess(IOptions<DashboardOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        HttpContext http = context.HttpContext;
        string[] tokens = options.Value.AdminTokens.Where(t => !string.IsNullOrWhiteSpace(t)).ToArray();
        if (tokens.Length == 0)
        {
            IPAddress? remote = http.Connection.RemoteIpAddress;
            bool forwarded = http.Request.Headers.ContainsKey("X-Forwarded-For") || http.Request.Headers.ContainsKey("Forwarded");
            if (remote is null || !IPAddress.IsLoopback(remote) || forwarded)
            {
                return TypedResults.Problem(
                    "The calls API answers only this machine until Dashboard:AdminTokens is set; then send Authorization: Bearer <token>.",
                    statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
            }

            return await next(context).ConfigureAwait(false);
        }

        string? authorization = http.Request.Headers.Authorization;
        string? bearer = authorization?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true ? authorization["Bearer ".Length..].Trim() : null;
        if (bearer is null || !tokens.Any(t => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(t), Encoding.UTF8.GetBytes(bearer))))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem("Send Authorization: Bearer <token> with one of Dashboard:AdminTokens.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        return await next(context).ConfigureAwait(false);
    }
}
