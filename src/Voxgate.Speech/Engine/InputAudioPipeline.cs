using Voxgate.Audio;
using Voxgate.Speech.Vad;

namespace Voxgate.Speech.Engine;

/// <summary>
/// A session's input path: decodes appended audio (PCM16 or G.711), resamples it to 16 kHz, keeps the recent
/// history and runs Silero VAD on every 32 ms frame.
/// </summary>
/// <remarks>Reuses its buffers; per append it allocates nothing beyond growth of the history.</remarks>
internal sealed class InputAudioPipeline : IDisposable
{
    public const int EngineRate = 16000;
    public const int VadFrameSamples = 512;

    private readonly SileroVadStream _vad;
    private readonly AudioFramer<short> _framer = new(VadFrameSamples, maxFrames: 64);
    private readonly short[] _frame = new short[VadFrameSamples];
    private readonly List<VadFrame> _frames = [];
    private Resampler? _resampler;
    private float[] _decoded = new float[4096];
    private float[] _resampled = new float[4096];
    private short[] _pcm = new short[4096];
    private SessionAudioFormat _format;
    private long _framedSamples;

    public InputAudioPipeline(SileroVadStream vad, SessionAudioFormat format, int historySamples)
    {
        _vad = vad;
        History = new PcmHistory(historySamples);
        Format = format;
    }

    public PcmHistory History { get; }

    /// <summary>The input format; changing it restarts resampling.</summary>
    public SessionAudioFormat Format
    {
        get => _format;
        set
        {
            _format = value;
            _resampler = value.SampleRate == EngineRate ? null : new Resampler(value.SampleRate, EngineRate);
        }
    }

    /// <summary>Input received so far, in milliseconds of 16 kHz audio.</summary>
    public long ReceivedMs => History.End / (EngineRate / 1000);

    /// <summary>Where the next VAD frame starts: the samples from here to <see cref="PcmHistory.End"/> wait for the rest of it.</summary>
    public long FramedSamples => _framedSamples;

    /// <summary>
    /// Decodes and analyses appended bytes. Returns the VAD frames completed by this append (valid until the
    /// next call), or an error message for audio that is not whole samples of the session's format.
    /// </summary>
    public IReadOnlyList<VadFrame> Append(ReadOnlySpan<byte> data, out string? error)
    {
        _frames.Clear();
        if (data.Length % _format.BytesPerSample != 0)
        {
            error = $"Audio must be whole {_format.BytesPerSample * 8}-bit samples; got {data.Length} bytes.";
            return _frames;
        }

        error = null;
        int samples = data.Length / _format.BytesPerSample;
        Grow(ref _decoded, samples);
        Span<float> decoded = _decoded.AsSpan(0, samples);
        switch (_format.Encoding)
        {
            case AudioEncoding.Pcm16:
                Pcm16.ToFloat(data, decoded);
                break;
            default:
                Grow(ref _pcm, samples);
                if (_format.Encoding == AudioEncoding.MuLaw)
                {
                    G711.DecodeMuLaw(data, _pcm);
                }
                else
                {
                    G711.DecodeALaw(data, _pcm);
                }

                Pcm16.ToFloat(_pcm.AsSpan(0, samples), decoded);
                break;
        }

        ReadOnlySpan<float> engineRate = decoded;
        if (_resampler is not null)
        {
            Grow(ref _resampled, _resampler.GetMaxOutputLength(samples));
            int produced = _resampler.Process(decoded, _resampled);
            engineRate = _resampled.AsSpan(0, produced);
        }

        Grow(ref _pcm, engineRate.Length);
        Span<short> pcm = _pcm.AsSpan(0, engineRate.Length);
        Pcm16.FromFloat(engineRate, pcm);
        History.Append(pcm);

        // Feed the framer in pieces it can always hold, running VAD on each whole frame.
        while (!pcm.IsEmpty)
        {
            int take = Math.Min(pcm.Length, _framer.Capacity - _framer.Buffered);
            _framer.TryWrite(pcm[..take]);
            pcm = pcm[take..];
            while (_framer.TryRead(_frame))
            {
                float probability = _vad.Process(_frame);
                _frames.Add(new VadFrame(_framedSamples, probability));
                _framedSamples += VadFrameSamples;
            }
        }

        return _frames;
    }

    /// <summary>Forgets VAD state (the history stays: it is the session's record).</summary>
    public void ResetVad() => _vad.Reset();

    public void Dispose() => _vad.Dispose();

    private static void Grow<T>(ref T[] buffer, int needed)
    {
        if (buffer.Length < needed)
        {
            buffer = new T[Math.Max(needed, buffer.Length * 2)];
        }
    }
}

/// <summary>One VAD frame: where it starts (absolute 16 kHz sample index) and its speech probability.</summary>
internal readonly record struct VadFrame(long StartSample, float Probability)
{
    public long StartMs => StartSample / 16;

    public long EndMs => (StartSample + InputAudioPipeline.VadFrameSamples) / 16;
}
