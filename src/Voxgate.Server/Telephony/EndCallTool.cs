using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Voxgate.Calls;
using Voxgate.Server.Relay;

namespace Voxgate.Server.Telephony;

/// <summary>
/// The <c>end_call</c> tool offered on phone calls: the agent hangs up politely. The relay closes the line once the
/// agent's last reply (its goodbye) has been heard to the end — on a phone, once the carrier echoes the final mark.
/// </summary>
internal static class EndCallTool
{
    public const string Name = "end_call";

    private const string Result = """{"ending":true,"note":"The line closes once your last words have been heard. Say a short goodbye now if you have not yet; say nothing else."}""";

    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary>The tool for one call: it asks <paramref name="hangUp"/> to end it, and is written into the call's record.</summary>
    public static AIFunction Create(AgentHangUp hangUp, CallContext call)
    {
        ArgumentNullException.ThrowIfNull(hangUp);
        ArgumentNullException.ThrowIfNull(call);
        return AIFunctionFactory.Create(
            ([Description("Why the call ends, in a few words (e.g. \"caller said goodbye\").")] string? reason = null) =>
            {
                string toolCallId = FunctionInvokingRealtimeClient.CurrentContext?.CallContent.CallId ?? "tool_" + Guid.NewGuid().ToString("N")[..12];
                call.Recording?.ToolCalled(toolCallId, Name, JsonSerializer.Serialize(new Dictionary<string, string?> { ["reason"] = reason }, Compact.GetTypeInfo(typeof(Dictionary<string, string?>))));
                hangUp.Request();
                call.Recording?.ToolCompleted(toolCallId, Result);
                return JsonDocument.Parse(Result).RootElement;
            },
            new AIFunctionFactoryOptions
            {
                Name = Name,
                SerializerOptions = Compact,
                Description = "Hangs up the phone call. Use it when the caller says goodbye or has nothing more to ask, after saying a short goodbye; the line closes once your last words have been heard.",
            });
    }
}
