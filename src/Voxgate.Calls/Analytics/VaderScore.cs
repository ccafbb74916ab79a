namespace Voxgate.Calls.Analytics;

/// <summary>A text's VADER compound score and the words that carried it.</summary>
public sealed record VaderScore(double Compound, IReadOnlyList<(string Word, double Valence)> Carriers);
