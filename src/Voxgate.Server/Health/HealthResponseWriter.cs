using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Voxgate.Server.Hosting;

namespace Voxgate.Server.Health;

/// <summary>Writes /healthz as a small JSON document: overall status and each check's status and reason.</summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new HealthDocument(
            report.Status.ToString().ToLowerInvariant(),
            report.Entries.ToDictionary(e => e.Key, e => new HealthEntry(e.Value.Status.ToString().ToLowerInvariant(), e.Value.Description)));
        return JsonSerializer.SerializeAsync(context.Response.Body, body, ServerJsonContext.Default.HealthDocument, context.RequestAborted);
    }
}

internal sealed record HealthDocument(string Status, Dictionary<string, HealthEntry> Checks);

internal sealed record HealthEntry(string Status, string? Description);
