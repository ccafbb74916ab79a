using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Brain;

/// <summary>The receptionist's next move: words to speak, or one tool call to make before going on.</summary>
internal sealed record Reply(string? Text, FunctionCallContent? Call)
{
    public static Reply Say(string text) => new(text, null);

    public static Reply Invoke(FunctionCallContent call) => new(null, call);
}
