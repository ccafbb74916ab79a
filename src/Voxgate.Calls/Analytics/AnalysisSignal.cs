namespace Voxgate.Calls.Analytics;

/// <summary>Wakes the analysis worker when a call ends, so scoring starts at once rather than at the next poll.</summary>
public sealed class AnalysisSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake-pending; one wake is as good as many.
        }
    }

    public void Dispose() => _signal.Dispose();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        => await _signal.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
}
