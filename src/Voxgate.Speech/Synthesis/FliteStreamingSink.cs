using System.Buffers;
using System.Threading.Channels;

using Voxgate.Audio;

namespace Voxgate.Speech.Synthesis;

/// <summary>
/// Turns flite's callback audio (16 kHz, ~20 ms pieces) into fixed-size PCM16 LE chunks at the output rate and
/// posts them to a channel. Runs on the synthesising thread; one instance per request, carried across sentences.
/// </summary>
/// <remarks>
/// Each chunk is written straight into a buffer rented from the shared pool and handed on with the chunk: the one
/// place a reply's samples are copied on their way to the socket.
/// </remarks>
internal sealed class FliteStreamingSink : FliteNative.IAudioSink
{
    private readonly ChannelWriter<FliteChunk> _writer;
    private readonly CancellationToken _cancellationToken;
    private readonly int _outputRate;
    private readonly int _chunkBytes;
    private byte[]? _pending;
    private float[] _floatsIn = new float[1024];
    private float[] _floatsOut = new float[2048];
    private Resampler? _resampler;
    private int _inputRate;
    private int _pendingBytes;
    private long _inputSamples;
    private long _outputSamples;

    public FliteStreamingSink(ChannelWriter<FliteChunk> writer, int outputRate, int chunkMilliseconds, CancellationToken cancellationToken)
    {
        _writer = writer;
        _outputRate = outputRate;
        _chunkBytes = outputRate * chunkMilliseconds / 1000 * 2;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Native samples received so far (at flite's rate).</summary>
    public long InputSamples => _inputSamples;

    /// <summary>Whether flite was told to stop.</summary>
    public bool Aborted { get; private set; }

    public bool OnAudio(ReadOnlySpan<short> samples, int sampleRate, bool last)
    {
        if (_cancellationToken.IsCancellationRequested)
        {
            Aborted = true;
            return false;
        }

        if (samples.IsEmpty)
        {
            return true;
        }

        if (_inputRate == 0)
        {
            _inputRate = sampleRate;
            _resampler = sampleRate == _outputRate ? null : new Resampler(sampleRate, _outputRate);
        }
        else if (sampleRate != _inputRate)
        {
            throw new InvalidOperationException("flite changed its sample rate within one request.");
        }

        _inputSamples += samples.Length;
        EnsureCapacity(samples.Length);
        Span<float> input = _floatsIn.AsSpan(0, samples.Length);
        Pcm16.ToFloat(samples, input);
        if (_resampler is null)
        {
            Append(input);
        }
        else
        {
            int produced = _resampler.Process(input, _floatsOut);
            Append(_floatsOut.AsSpan(0, produced));
        }

        return true;
    }

    /// <summary>Drains the resampler's delay line (so the output has the full expected length) and sends the remainder.</summary>
    public void Complete()
    {
        if (_resampler is not null && _inputRate > 0)
        {
            long expected = _inputSamples * _outputRate / _inputRate;
            Span<float> silence = stackalloc float[64];
            silence.Clear();
            EnsureCapacity(silence.Length);
            for (int guard = 0; _outputSamples < expected && guard < 1000; guard++)
            {
                int produced = _resampler.Process(silence, _floatsOut);
                produced = (int)Math.Min(produced, expected - _outputSamples);
                Append(_floatsOut.AsSpan(0, produced));
            }
        }

        if (_pendingBytes > 0)
        {
            Send(_pendingBytes);
        }

        ReleaseBuffer();
    }

    /// <summary>Returns the chunk being filled, if any, to the pool (synthesis finished or was abandoned).</summary>
    public void ReleaseBuffer()
    {
        if (_pending is { } pending)
        {
            _pending = null;
            _pendingBytes = 0;
            ArrayPool<byte>.Shared.Return(pending);
        }
    }

    private void Append(ReadOnlySpan<float> samples)
    {
        _outputSamples += samples.Length;
        while (!samples.IsEmpty)
        {
            _pending ??= ArrayPool<byte>.Shared.Rent(_chunkBytes);
            int take = Math.Min(samples.Length, (_chunkBytes - _pendingBytes) / 2);
            Pcm16.FromFloat(samples[..take], _pending.AsSpan(_pendingBytes, take * 2));
            _pendingBytes += take * 2;
            samples = samples[take..];
            if (_pendingBytes == _chunkBytes)
            {
                Send(_chunkBytes);
            }
        }
    }

    /// <summary>Hands the chunk being filled to the reader, who now owns its buffer.</summary>
    private void Send(int length)
    {
        byte[] chunk = _pending!;
        _pending = null;
        _pendingBytes = 0;
        if (!_writer.TryWrite(new FliteChunk(chunk, length, SentenceEnd: false)))
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private void EnsureCapacity(int inputLength)
    {
        if (_floatsIn.Length < inputLength)
        {
            _floatsIn = new float[inputLength];
        }

        int outputLength = _resampler?.GetMaxOutputLength(inputLength) ?? inputLength;
        if (_floatsOut.Length < outputLength)
        {
            _floatsOut = new float[outputLength];
        }
    }
}
