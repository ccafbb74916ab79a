namespace Voxgate.Speech.Engine;

/// <summary>The kinds of conversation item the engine keeps.</summary>
internal enum ConversationItemKind
{
    Message,
    FunctionCall,
    FunctionCallOutput,
}
