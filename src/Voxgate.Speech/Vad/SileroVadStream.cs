using Microsoft.ML.OnnxRuntime;

using Voxgate.Audio;

namespace Voxgate.Speech.Vad;

/// <summary>
/// The per-stream state of <see cref="SileroVad"/>: the 64-sample context and the recurrent state.
/// Feed consecutive 512-sample frames of 16 kHz mono audio; each call returns the speech probability of that frame.
/// </summary>
/// <remarks>Not thread-safe. After set-up a frame allocates nothing: the tensors wrap pinned arrays that are reused.</remarks>
#pragma warning disable CA1711 // Not a System.IO.Stream: the state of one audio stream, named as the engine uses it.
public sealed class SileroVadStream : IDisposable
#pragma warning restore CA1711
{
    private readonly SileroVad _vad;
    private readonly float[] _input = new float[SileroVad.ContextSamples + SileroVad.FrameSamples];
    private readonly float[] _state = new float[SileroVad.StateLength];
    private readonly float[] _nextState = new float[SileroVad.StateLength];
    private readonly float[] _probability = new float[1];
    private readonly OrtValue[] _inputValues;
    private readonly OrtValue[] _outputValues;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;
    private bool _disposed;

    internal SileroVadStream(SileroVad vad)
    {
        _vad = vad;
        long[] stateShape = [2, 1, 128];
        _inputValues =
        [
            OrtValue.CreateTensorValueFromMemory(_input, [1, _input.Length]),
            OrtValue.CreateTensorValueFromMemory(_state, stateShape),
            OrtValue.CreateTensorValueFromMemory(new long[] { SileroVad.SampleRate }, [1]),
        ];
        _outputValues =
        [
            OrtValue.CreateTensorValueFromMemory(_probability, [1, 1]),
            OrtValue.CreateTensorValueFromMemory(_nextState, stateShape),
        ];

        // Bound once: the tensors wrap pinned arrays, so each frame only rewrites the arrays (no names marshalled per run).
        _binding = vad.Session.CreateIoBinding();
        _binding.BindInput("input", _inputValues[0]);
        _binding.BindInput("state", _inputValues[1]);
        _binding.BindInput("sr", _inputValues[2]);
        _binding.BindOutput("output", _outputValues[0]);
        _binding.BindOutput("stateN", _outputValues[1]);
    }

    /// <summary>The probability the last frame returned (0 before the first).</summary>
    public float LastProbability { get; private set; }

    /// <summary>Runs one frame of exactly <see cref="SileroVad.FrameSamples"/> float samples in -1..1.</summary>
    /// <returns>The speech probability, 0..1.</returns>
    public float Process(ReadOnlySpan<float> frame)
    {
        CheckFrame(frame.Length, nameof(frame));
        frame.CopyTo(_input.AsSpan(SileroVad.ContextSamples));
        return Run();
    }

    /// <summary>Runs one frame of exactly <see cref="SileroVad.FrameSamples"/> 16-bit samples.</summary>
    /// <returns>The speech probability, 0..1.</returns>
    public float Process(ReadOnlySpan<short> frame)
    {
        CheckFrame(frame.Length, nameof(frame));
        Pcm16.ToFloat(frame, _input.AsSpan(SileroVad.ContextSamples));
        return Run();
    }

    /// <summary>Forgets the context and the recurrent state, as for a new stream.</summary>
    public void Reset()
    {
        Array.Clear(_input);
        Array.Clear(_state);
        LastProbability = 0;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _binding.Dispose();
        foreach (OrtValue value in _inputValues)
        {
            value.Dispose();
        }

        foreach (OrtValue value in _outputValues)
        {
            value.Dispose();
        }

        _runOptions.Dispose();
    }

    private void CheckFrame(int length, string parameterName)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (length != SileroVad.FrameSamples)
        {
            throw new ArgumentException($"A frame is {SileroVad.FrameSamples} samples at 16 kHz; got {length}.", parameterName);
        }
    }

    private float Run()
    {
        _vad.Session.RunWithBinding(_runOptions, _binding);
        _nextState.CopyTo(_state, 0);

        // The next frame's context is the tail of this one.
        _input.AsSpan(_input.Length - SileroVad.ContextSamples).CopyTo(_input);
        LastProbability = _probability[0];
        return LastProbability;
    }
}
