namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>How a scripted caller sounds: a flite voice, a speaking rate, and whether they mumble.</summary>
/// <param name="Voice">slt, rms, awb or kal16.</param>
/// <param name="Speed">1 is flite's normal rate; 1.3 is a fast talker, 0.85 a slow one.</param>
/// <param name="Mumbled">Quiet (−9 dB) and slightly hurried, over a faint noise floor, as a caller far from the phone.</param>
internal sealed record Speaker(string Voice, float Speed = 1f, bool Mumbled = false)
{
    public static Speaker Clear(string voice) => new(voice);

    public static Speaker Fast(string voice, float speed = 1.3f) => new(voice, speed);

    public static Speaker Slow(string voice, float speed = 0.85f) => new(voice, speed);

    public static Speaker Mumbling(string voice) => new(voice, 1.1f, Mumbled: true);

    public override string ToString() => Mumbled ? $"{Voice} mumbled" : Speed == 1f ? Voice : $"{Voice} ×{Speed:0.##}";
}
