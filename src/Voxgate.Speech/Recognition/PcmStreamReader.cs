using System.Buffers.Binary;

using Voxgate.Audio;

namespace Voxgate.Speech.Recognition;

/// <summary>
/// Reads 16-bit little-endian mono PCM from a stream in blocks and hands it out at 16 kHz, resampling when the
/// stream has another rate. A stream that starts with a RIFF/WAVE header is understood too (its rate wins).
/// </summary>
internal sealed class PcmStreamReader
{
    private const int TargetRate = PocketSphinxRecognizer.SampleRate;
    private const int HeaderProbeBytes = 4096;

    private readonly Stream _stream;
    private readonly byte[] _bytes;
    private readonly short[] _samples;
    private float[] _floatsIn = [];
    private float[] _floatsOut = [];
    private Resampler? _resampler;
    private int _buffered;
    private bool _started;
    private bool _ended;

    public PcmStreamReader(Stream stream, int sampleRate, int blockSamples = 3200)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSamples, 160);
        _stream = stream;
        SampleRate = sampleRate;
        _bytes = new byte[Math.Max(blockSamples * 2, HeaderProbeBytes)];
        _samples = new short[_bytes.Length];
    }

    /// <summary>The input's sample rate (from the WAV header when there is one).</summary>
    public int SampleRate { get; private set; }

    /// <summary>Reads the next block, converted to 16 kHz; empty at the end of the stream.</summary>
    public async ValueTask<ReadOnlyMemory<short>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            _started = true;
            await FillAsync(HeaderProbeBytes, cancellationToken).ConfigureAwait(false);
            SkipWavHeader();
            if (SampleRate != TargetRate)
            {
                _resampler = new Resampler(SampleRate, TargetRate);
            }
        }

        while (true)
        {
            if (_buffered < 2 && !_ended)
            {
                await FillAsync(_bytes.Length, cancellationToken).ConfigureAwait(false);
            }

            int usable = _buffered & ~1;
            if (usable == 0)
            {
                return ReadOnlyMemory<short>.Empty;
            }

            ReadOnlyMemory<short> block = Convert(_bytes.AsSpan(0, usable));

            // Keep a trailing odd byte for the next block.
            _bytes.AsSpan(usable, _buffered - usable).CopyTo(_bytes);
            _buffered -= usable;
            if (!block.IsEmpty || _ended)
            {
                return block;
            }
        }
    }

    private ReadOnlyMemory<short> Convert(ReadOnlySpan<byte> littleEndianPcm)
    {
        int count = littleEndianPcm.Length / 2;
        if (_resampler is null)
        {
            for (int i = 0; i < count; i++)
            {
                _samples[i] = BinaryPrimitives.ReadInt16LittleEndian(littleEndianPcm[(2 * i)..]);
            }

            return _samples.AsMemory(0, count);
        }

        if (_floatsIn.Length < count)
        {
            _floatsIn = new float[count];
            _floatsOut = new float[_resampler.GetMaxOutputLength(count)];
        }

        Pcm16.ToFloat(littleEndianPcm, _floatsIn.AsSpan(0, count));
        int produced = _resampler.Process(_floatsIn.AsSpan(0, count), _floatsOut);
        short[] output = produced <= _samples.Length ? _samples : new short[produced];
        Pcm16.FromFloat(_floatsOut.AsSpan(0, produced), output.AsSpan(0, produced));
        return output.AsMemory(0, produced);
    }

    private async ValueTask FillAsync(int target, CancellationToken cancellationToken)
    {
        while (_buffered < target && !_ended)
        {
            int read = await _stream.ReadAsync(_bytes.AsMemory(_buffered, target - _buffered), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _ended = true;
            }

            _buffered += read;
        }
    }

    private void SkipWavHeader()
    {
        ReadOnlySpan<byte> head = _bytes.AsSpan(0, _buffered);
        if (head.Length < 12 || !head[..4].SequenceEqual("RIFF"u8) || !head[8..12].SequenceEqual("WAVE"u8))
        {
            return;
        }

        int position = 12;
        bool sawFormat = false;
        while (position + 8 <= head.Length)
        {
            ReadOnlySpan<byte> id = head.Slice(position, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(head[(position + 4)..]);
            position += 8;
            if (id.SequenceEqual("data"u8))
            {
                if (!sawFormat)
                {
                    throw new InvalidDataException("The WAV stream has no fmt chunk before its data.");
                }

                _bytes.AsSpan(position, _buffered - position).CopyTo(_bytes);
                _buffered -= position;
                return;
            }

            if (id.SequenceEqual("fmt "u8) && position + 16 <= head.Length)
            {
                int format = BinaryPrimitives.ReadUInt16LittleEndian(head[position..]);
                int channels = BinaryPrimitives.ReadUInt16LittleEndian(head[(position + 2)..]);
                int rate = BinaryPrimitives.ReadInt32LittleEndian(head[(position + 4)..]);
                int bits = BinaryPrimitives.ReadUInt16LittleEndian(head[(position + 14)..]);
                if (format is not (1 or 0xFFFE) || channels != 1 || bits != 16)
                {
                    throw new NotSupportedException($"Only 16-bit mono PCM is supported (got format {format}, {channels} channels, {bits} bits).");
                }

                SampleRate = rate;
                sawFormat = true;
            }

            position += size + (size & 1);
        }

        throw new InvalidDataException("The WAV header is longer than expected; send raw PCM instead.");
    }
}
