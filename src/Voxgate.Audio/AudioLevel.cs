namespace Voxgate.Audio;

/// <summary>A measured level: RMS and peak, in dBFS.</summary>
public readonly record struct AudioLevel(double RmsDbfs, double PeakDbfs);
