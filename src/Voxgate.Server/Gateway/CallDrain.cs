using Microsoft.Extensions.Options;

namespace Voxgate.Server.Gateway;

/// <summary>
/// When calls must end as the server stops: <see cref="GatewayOptions.DrainTimeout"/> after the stop begins. Kestrel stops
/// listening first (so a load balancer sends new calls elsewhere) and waits for open requests; the calls in them go on
/// until this token fires, then end with <c>server_stopping</c>.
/// </summary>
internal sealed class CallDrain : IDisposable
{
    private readonly CancellationTokenSource _mustEnd = new();
    private readonly CancellationTokenRegistration _onStopping;
    private volatile bool _draining;
    private ITimer? _timer;

    public CallDrain(IHostApplicationLifetime lifetime, IOptions<GatewayOptions> options, TimeProvider time)
    {
        TimeSpan drain = options.Value.DrainTimeout;
        _onStopping = lifetime.ApplicationStopping.Register(() =>
        {
            _draining = true;
            if (drain <= TimeSpan.Zero)
            {
                _mustEnd.Cancel();
            }
            else
            {
                _timer = time.CreateTimer(_ => End(), null, drain, Timeout.InfiniteTimeSpan);
            }
        });
    }

    /// <summary>Whether the server is stopping (it takes no new calls; <c>/healthz</c> says so).</summary>
    public bool IsDraining => _draining;

    /// <summary>Fires when the calls still open must end.</summary>
    public CancellationToken CallsMustEnd => _mustEnd.Token;

    private void End()
    {
        try
        {
            _mustEnd.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The host is gone already.
        }
    }

    public void Dispose()
    {
        _onStopping.Dispose();
        _timer?.Dispose();
        _mustEnd.Dispose();
    }
}
