using Microsoft.ML.OnnxRuntime;

namespace Voxgate.Speech.Vad;

/// <summary>
/// Silero VAD v5 (ONNX) at 16 kHz: one shared model for all streams; each stream keeps its own
/// recurrent state in a <see cref="SileroVadStream"/>.
/// </summary>
/// <remarks>
/// Thread-safe: any number of streams may run at once on different threads (ONNX Runtime's <c>Run</c> is thread-safe),
/// but one stream must not be used by two threads at once. Dispose the streams before the model.
/// </remarks>
public sealed class SileroVad : IDisposable
{
    /// <summary>The only sample rate this wrapper feeds the model.</summary>
    public const int SampleRate = 16000;

    /// <summary>Samples per frame (32 ms at 16 kHz).</summary>
    public const int FrameSamples = 512;

    /// <summary>Samples of the previous frame the model needs in front of each frame.</summary>
    internal const int ContextSamples = 64;

    /// <summary>Floats in the recurrent state tensor [2, 1, 128].</summary>
    internal const int StateLength = 2 * 1 * 128;

    private readonly InferenceSession _session;

    /// <summary>Loads the model from <see cref="DefaultModelPath"/>.</summary>
    public SileroVad()
        : this(DefaultModelPath)
    {
    }

    /// <summary>Loads the model from <paramref name="modelPath"/> (about 120 ms).</summary>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    public SileroVad(string modelPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"Silero VAD model not found at {modelPath} (run scripts/setup.sh).", modelPath);
        }

        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        _session = new InferenceSession(modelPath, options);
        ModelPath = modelPath;
    }

    /// <summary><c>models/silero_vad_v5.onnx</c> next to the executable.</summary>
    public static string DefaultModelPath => Path.Combine(AppContext.BaseDirectory, "models", "silero_vad_v5.onnx");

    /// <summary>The model file this instance loaded.</summary>
    public string ModelPath { get; }

    internal InferenceSession Session => _session;

    /// <summary>Creates the state of one audio stream (a call or a session), starting from silence.</summary>
    public SileroVadStream CreateStream()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new SileroVadStream(this);
    }

    private bool _disposed;

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _session.Dispose();
        }
    }
}
