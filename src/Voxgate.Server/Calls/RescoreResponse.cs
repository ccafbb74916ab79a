namespace Voxgate.Server.Calls;

/// <summary>The answer of <c>POST /api/calls/{id}/rescore</c>.</summary>
public sealed record RescoreResponse(string Id, string Status);
