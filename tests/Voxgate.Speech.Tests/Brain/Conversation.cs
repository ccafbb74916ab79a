using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Tests.Brain;

/// <summary>
/// Drives a chat client the way the realtime session does: keeps the history, and when the client asks for a
/// tool, runs it (or hands back a canned result) and calls the client again.
/// </summary>
internal sealed class Conversation(IChatClient client, IList<AITool>? tools = null)
{
    private readonly ChatOptions _options = new() { Tools = tools };

    public List<ChatMessage> History { get; } = [];

    /// <summary>Every tool call the client made, in order.</summary>
    public List<FunctionCallContent> Calls { get; } = [];

    /// <summary>The caller speaks; returns the client's response (text or a tool call).</summary>
    public Task<ChatResponse> SayAsync(string text)
    {
        History.Add(new ChatMessage(ChatRole.User, text));
        return RespondAsync();
    }

    /// <summary>The caller speaks, the tools run until the client answers in words; returns those words.</summary>
    public async Task<string> TalkAsync(string text)
    {
        ChatResponse response = await SayAsync(text);
        while (LastCall(response) is { } call)
        {
            response = await RunAsync(call);
        }

        return response.Text;
    }

    /// <summary>Runs the offered tool for the call and returns the client's next response.</summary>
    public async Task<ChatResponse> RunAsync(FunctionCallContent call)
    {
        AIFunction function = _options.Tools!.OfType<AIFunction>().Single(f => f.Name == call.Name);
        object? result = await function.InvokeAsync(new AIFunctionArguments(call.Arguments));
        return await ReturnAsync(call, result);
    }

    /// <summary>Hands the client a result for its call and returns its next response.</summary>
    public Task<ChatResponse> ReturnAsync(FunctionCallContent call, object? result)
    {
        History.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
        return RespondAsync();
    }

    public static FunctionCallContent? LastCall(ChatResponse response) =>
        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().LastOrDefault();

    public static string Argument(FunctionCallContent call, string name) =>
        call.Arguments is { } arguments && arguments.TryGetValue(name, out object? value) ? value?.ToString() ?? "" : "";

    public static object Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private async Task<ChatResponse> RespondAsync()
    {
        ChatResponse response = await client.GetResponseAsync(History, _options);
        History.AddMessages(response);
        if (LastCall(response) is { } call)
        {
            Calls.Add(call);
        }

        return response;
    }
}
