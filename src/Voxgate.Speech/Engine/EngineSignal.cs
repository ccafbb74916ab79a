using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Engine;

/// <summary>Everything a session's actor loop reacts to: client messages and reports from its workers.</summary>
internal abstract record EngineSignal;

internal sealed record ClientSignal(RealtimeClientMessage Message) : EngineSignal;

internal sealed record RecognitionPartial(string ItemId, string Text) : EngineSignal;

internal sealed record RecognitionFinal(string ItemId, string Text) : EngineSignal;

/// <summary>The words of a turn still in its silence window, final unless the caller speaks again (the settle <paramref name="Generation"/> it answers).</summary>
internal sealed record RecognitionSettled(string ItemId, int Generation, string Text) : EngineSignal;

internal sealed record RecognitionFailed(string ItemId, string Message) : EngineSignal;

internal sealed record ResponseText(string ResponseId, string Text) : EngineSignal;

/// <summary>A chunk of reply audio in the session's output format, in <paramref name="Buffer"/> rented from the shared pool, which it now owns.</summary>
internal sealed record ResponseAudio(string ResponseId, byte[] Buffer, int Length) : EngineSignal;

/// <summary>The brain said what its reply asks the caller for: the recogniser listens for that answer next.</summary>
internal sealed record ResponseExpects(string ResponseId, ExpectedAnswer Answer) : EngineSignal;

internal sealed record ResponseFunctionCall(string ResponseId, string CallId, string Name, string Arguments) : EngineSignal;

internal sealed record ResponseFinished(string ResponseId, Exception? Error, int InputTokens, int OutputTokens) : EngineSignal;

internal sealed record SessionExpired : EngineSignal;
