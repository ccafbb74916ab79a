namespace Voxgate.Speech.Engine;

/// <summary>Why a session refused (part of) a request: the offending parameter and a message for people.</summary>
internal sealed record SessionProblem(string Param, string Message);
