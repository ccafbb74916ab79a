using System.Collections.Concurrent;
using System.Diagnostics;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Voxgate.Speech.Recognition;

/// <summary>
/// A bounded, lazily grown pool of loaded pocketsphinx decoders. Loading one takes about half a second and
/// ~40 MB, so decoders are kept and lent to one stream at a time; a returned decoder is reset to its freshly
/// loaded state (noise statistics and live CMN) before the next stream gets it.
/// </summary>
/// <remarks>Thread-safe. When every decoder is lent, <see cref="RentAsync"/> waits for one to come back.</remarks>
internal sealed partial class PocketSphinxDecoderPool : IDisposable
{
    private readonly PocketSphinxModelPaths _paths;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<PocketSphinxDecoder> _idle = new();

    // Loads are serialised: sphinxbase keeps process-global state (logging, hash tables) touched during init.
    private readonly Lock _loadLock = new();
    private int _loaded;
    private volatile bool _disposed;

    public PocketSphinxDecoderPool(PocketSphinxModelPaths paths, int maxDecoders, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDecoders, 1);
        _paths = paths;
        MaxDecoders = maxDecoders;
        _slots = new SemaphoreSlim(maxDecoders, maxDecoders);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The most decoders this pool will ever hold.</summary>
    public int MaxDecoders { get; }

    /// <summary>Decoders loaded so far (idle or lent).</summary>
    public int LoadedCount => Volatile.Read(ref _loaded);

    /// <summary>Decoders loaded and waiting.</summary>
    public int IdleCount => _idle.Count;

    /// <summary>Loads decoders in the background until <paramref name="count"/> (at most <see cref="MaxDecoders"/>) are loaded.</summary>
    public async Task PrewarmAsync(int count, CancellationToken cancellationToken)
    {
        count = Math.Min(count, MaxDecoders);
        while (LoadedCount < count)
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (LoadedCount >= count)
                {
                    return;
                }

                PocketSphinxDecoder decoder = await Task.Run(Load, cancellationToken).ConfigureAwait(false);
                _idle.Push(decoder);
            }
            finally
            {
                _slots.Release();
            }
        }
    }

    /// <summary>Lends a decoder, loading one (off the caller's thread) when none is idle and the pool may grow.</summary>
    public async ValueTask<PocketSphinxDecoder> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_idle.TryPop(out PocketSphinxDecoder? decoder))
            {
                return decoder;
            }

            return await Task.Run(Load, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>Takes a decoder back, resets it for the next stream and wakes one waiting renter.</summary>
    public void Return(PocketSphinxDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        try
        {
            if (_disposed)
            {
                Discard(decoder);
                return;
            }

            decoder.ResetStream();
            _idle.Push(decoder);
        }
        catch (InvalidOperationException ex)
        {
            Log.DecoderDiscarded(_logger, ex);
            Discard(decoder);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        while (_idle.TryPop(out PocketSphinxDecoder? decoder))
        {
            Discard(decoder);
        }
    }

    private void Discard(PocketSphinxDecoder decoder)
    {
        decoder.Dispose();
        Interlocked.Decrement(ref _loaded);
    }

    private PocketSphinxDecoder Load()
    {
        lock (_loadLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long started = Stopwatch.GetTimestamp();
            var decoder = new PocketSphinxDecoder(_paths);
            int loaded = Interlocked.Increment(ref _loaded);
            Log.DecoderLoaded(_logger, Stopwatch.GetElapsedTime(started).TotalMilliseconds, loaded, MaxDecoders);
            if (!decoder.CanResetCmn)
            {
                Log.CmnResetUnavailable(_logger);
            }

            return decoder;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Loaded a pocketsphinx decoder in {ElapsedMs:F0} ms ({Loaded} of at most {Max}).")]
        public static partial void DecoderLoaded(ILogger logger, double elapsedMs, int loaded, int max);

        [LoggerMessage(2, LogLevel.Warning, "This sphinxbase build has an unknown feature layout; live CMN will carry over between streams.")]
        public static partial void CmnResetUnavailable(ILogger logger);

        [LoggerMessage(3, LogLevel.Warning, "Discarded a pocketsphinx decoder that failed to reset.")]
        public static partial void DecoderDiscarded(ILogger logger, Exception exception);
    }
}
