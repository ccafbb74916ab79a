using System.Text.Json;
using Microsoft.Extensions.AI;
using Voxgate.Calls.Recording;

namespace Voxgate.Calls.Appointments;

/// <summary>A tool that writes each of its calls, arguments and result, into the call's recording.</summary>
internal sealed class RecordedAIFunction(AIFunction inner, ICallRecording recording) : DelegatingAIFunction(inner)
{
    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        // The invoking middleware knows the model's call id; a relay reporting the same call id makes no second record.
        string callId = FunctionInvokingChatClient.CurrentContext?.CallContent.CallId
            ?? FunctionInvokingRealtimeClient.CurrentContext?.CallContent.CallId
            ?? "tool_" + Guid.NewGuid().ToString("N")[..12];
        var given = arguments.Where(a => a.Value is not CancellationToken).ToDictionary(a => a.Key, a => a.Value);
        recording.ToolCalled(callId, Name, JsonSerializer.Serialize(given, Compact));
        try
        {
            object? result = await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false);
            recording.ToolCompleted(callId, result is JsonElement json ? json.GetRawText() : JsonSerializer.Serialize(result, Compact));
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            recording.ToolCompleted(callId, JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = "tool_failed", ["message"] = ex.Message }, Compact));
            throw;
        }
    }
}
