namespace Voxgate.Realtime.Abstractions;

/// <summary>How a session decides that the caller's turn is over.</summary>
public enum TurnDetectionKind
{
    /// <summary>Voice activity with a fixed silence window.</summary>
    ServerVad,

    /// <summary>A model judges whether the caller has finished; <see cref="TurnDetectionOptions.Eagerness"/> sets how soon.</summary>
    SemanticVad,
}
