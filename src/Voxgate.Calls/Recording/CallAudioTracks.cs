using System.Buffers.Binary;
using Voxgate.Audio;

namespace Voxgate.Calls.Recording;

/// <summary>
/// One call's audio on disk while the call runs: the caller's track (24 kHz, on the call's clock) and the agent's
/// items as sent, each remembered by where it lies in its file. When the call ends, <see cref="ComposeAsync"/> lays the
/// agent's items where they played, cut where they were interrupted, and writes one stereo WAV: caller left, agent right.
/// Used only by the writer's single loop.
/// </summary>
internal sealed class CallAudioTracks : IDisposable
{
    public const int Rate = 24000;
    private const int SamplesPerMs = Rate / 1000;
    private const int ChunkSamples = 8192;

    private readonly string _callerPath;
    private readonly string _agentPath;
    private readonly FileStream _caller;
    private readonly FileStream _agent;
    private readonly Dictionary<string, (long Offset, long Samples)> _items = new(StringComparer.Ordinal);
    // A call's tracks write 48 KB a second each: a 16 KB buffer is three writes a second, and a server holds two
    // per call, so the buffer is per-call memory that counts.
    private const int TrackBufferBytes = 1 << 14;

    // Only audio at another rate than the tracks' (a phone's 8 kHz) is converted: these come with the first of it.
    private float[]? _floats;
    private float[]? _resampled;
    private byte[]? _bytes;
    private Resampler? _callerResampler;
    private Resampler? _agentResampler;
    private long _callerSamples;
    private long _agentSamples;

    public CallAudioTracks(string folder, string callId)
    {
        Directory.CreateDirectory(folder);
        _callerPath = Path.Combine(folder, callId + ".caller.pcm");
        _agentPath = Path.Combine(folder, callId + ".agent.pcm");
        _caller = new FileStream(_callerPath, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, TrackBufferBytes);
        _agent = new FileStream(_agentPath, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, TrackBufferBytes);
    }

    public void AppendCaller(ReadOnlySpan<byte> pcm16, int sampleRate, long gapSamples)
    {
        if (gapSamples > 0)
        {
            WriteSilence(_caller, gapSamples);
            _callerSamples += gapSamples;
        }

        _callerSamples += Append(_caller, pcm16, sampleRate, ref _callerResampler);
    }

    public void AppendAgent(string itemId, ReadOnlySpan<byte> pcm16, int sampleRate)
    {
        long offset = _agentSamples;
        long written = Append(_agent, pcm16, sampleRate, ref _agentResampler);
        _agentSamples += written;

        // An item's audio arrives contiguously; a new item starts a new run.
        _items[itemId] = _items.TryGetValue(itemId, out var item) ? (item.Offset, item.Samples + written) : (offset, written);
    }

    /// <summary>Writes the stereo WAV to <paramref name="wavPath"/>; returns its length in ms.</summary>
    public async Task<long> ComposeAsync(IReadOnlyList<AgentSegment> segments, string wavPath, CancellationToken cancellationToken)
    {
        await _caller.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _agent.FlushAsync(cancellationToken).ConfigureAwait(false);

        // :: Step 1 — the agent's track as played: each item at its start, up to where it was cut.
        string playedPath = _agentPath + ".played";
        long playedSamples = 0;
        await using (var played = new FileStream(playedPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
        {
            foreach (AgentSegment segment in segments.OrderBy(s => s.StartMs))
            {
                if (!_items.TryGetValue(segment.ItemId, out var item))
                {
                    continue;
                }

                long start = segment.StartMs * SamplesPerMs;
                long length = segment.PlayedMs is long cut ? Math.Min(item.Samples, cut * SamplesPerMs) : item.Samples;
                long skip = Math.Max(0, playedSamples - start);
                if (start > playedSamples)
                {
                    WriteSilence(played, start - playedSamples);
                    playedSamples = start;
                }

                if (length > skip)
                {
                    await CopyAsync(_agent, (item.Offset + skip) * 2, played, (length - skip) * 2, cancellationToken).ConfigureAwait(false);
                    playedSamples += length - skip;
                }
            }

            // :: Step 2 — interleave caller (left) and agent (right) into the WAV.
            long frames = Math.Max(_callerSamples, playedSamples);
            string temp = wavPath + ".part";
            await using (var wav = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                WriteHeader(wav, frames);
                _caller.Position = 0;
                played.Position = 0;
                byte[] left = new byte[ChunkSamples * 2];
                byte[] right = new byte[ChunkSamples * 2];
                byte[] stereo = new byte[ChunkSamples * 4];
                for (long done = 0; done < frames; done += ChunkSamples)
                {
                    int count = (int)Math.Min(ChunkSamples, frames - done);
                    int l = await ReadFullAsync(_caller, left.AsMemory(0, count * 2), cancellationToken).ConfigureAwait(false);
                    int r = await ReadFullAsync(played, right.AsMemory(0, count * 2), cancellationToken).ConfigureAwait(false);
                    left.AsSpan(l, (count * 2) - l).Clear();
                    right.AsSpan(r, (count * 2) - r).Clear();
                    for (int i = 0; i < count; i++)
                    {
                        stereo[i * 4] = left[i * 2];
                        stereo[(i * 4) + 1] = left[(i * 2) + 1];
                        stereo[(i * 4) + 2] = right[i * 2];
                        stereo[(i * 4) + 3] = right[(i * 2) + 1];
                    }

                    await wav.WriteAsync(stereo.AsMemory(0, count * 4), cancellationToken).ConfigureAwait(false);
                }
            }

            File.Move(temp, wavPath, overwrite: true);
            File.Delete(playedPath);
            return frames / SamplesPerMs;
        }
    }

    /// <summary>Deletes what a call killed mid-way left of its tracks.</summary>
    public static void DeleteLeftovers(string folder, string callId)
    {
        foreach (string suffix in (string[])[".caller.pcm", ".agent.pcm", ".agent.pcm.played", ".wav.part"])
        {
            File.Delete(Path.Combine(folder, callId + suffix));
        }
    }

    public void Dispose()
    {
        _caller.Dispose();
        _agent.Dispose();
        File.Delete(_callerPath);
        File.Delete(_agentPath);
    }

    private long Append(FileStream file, ReadOnlySpan<byte> pcm16, int sampleRate, ref Resampler? resampler)
    {
        if (sampleRate == Rate)
        {
            file.Write(pcm16);
            return pcm16.Length / 2;
        }

        if (resampler is null || resampler.InputRate != sampleRate)
        {
            resampler = new Resampler(sampleRate, Rate);
        }

        _floats ??= new float[ChunkSamples];
        long total = 0;
        for (int start = 0; start < pcm16.Length / 2; start += ChunkSamples)
        {
            int count = Math.Min(ChunkSamples, (pcm16.Length / 2) - start);
            Pcm16.ToFloat(pcm16.Slice(start * 2, count * 2), _floats.AsSpan(0, count));
            int max = resampler.GetMaxOutputLength(count);
            if (_resampled is null || _bytes is null || _resampled.Length < max)
            {
                _resampled = new float[Math.Max(max, ChunkSamples)];
                _bytes = new byte[_resampled.Length * 2];
            }

            int produced = resampler.Process(_floats.AsSpan(0, count), _resampled);
            Pcm16.FromFloat(_resampled.AsSpan(0, produced), _bytes.AsSpan(0, produced * 2));
            file.Write(_bytes, 0, produced * 2);
            total += produced;
        }

        return total;
    }

    private static void WriteSilence(Stream stream, long samples)
    {
        Span<byte> zeros = stackalloc byte[4096];
        zeros.Clear();
        for (long left = samples * 2; left > 0; left -= zeros.Length)
        {
            stream.Write(zeros[..(int)Math.Min(zeros.Length, left)]);
        }
    }

    private static async Task CopyAsync(FileStream from, long offset, Stream to, long bytes, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[1 << 16];
        from.Position = offset;
        while (bytes > 0)
        {
            int read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, bytes)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            bytes -= read;
        }
    }

    private static async Task<int> ReadFullAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>A canonical 44-byte PCM16 stereo header for <paramref name="frames"/> frames at 24 kHz.</summary>
    private static void WriteHeader(Stream stream, long frames)
    {
        const int Channels = 2;
        const int BlockAlign = Channels * 2;
        uint dataBytes = (uint)Math.Min(frames * BlockAlign, uint.MaxValue - 36);
        Span<byte> header = stackalloc byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], Rate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], Rate * BlockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], BlockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], dataBytes);
        stream.Write(header);
    }
}
