using System.Net.WebSockets;
using System.Text;

namespace Voxgate.Server.Benchmarking.Relay;

/// <summary>One caller of the churn soak, over and over: connect, talk for a while in real time, hang up.</summary>
internal sealed class SoakCaller(Uri gateway, TimeSpan talk)
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);
    private readonly byte[] _frame = new byte[960];

    public long Calls { get; private set; }

    public long Failures { get; private set; }

    public long EchoedBytes { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await CallOnceAsync(stop).ConfigureAwait(false);
                Calls++;
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or TimeoutException || (ex is OperationCanceledException && !stop.IsCancellationRequested))
            {
                Failures++;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task CallOnceAsync(CancellationToken stop)
    {
        using var socket = new ClientWebSocket();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stop);
        limit.CancelAfter(talk + TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(gateway, limit.Token).ConfigureAwait(false);
        var buffer = new byte[64 * 1024];
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task reader = Task.Run(async () =>
        {
            while (true)
            {
                ValueWebSocketReceiveResult result = await socket.ReceiveAsync(buffer.AsMemory(), limit.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    EchoedBytes += result.Count;
                }
                else if (Encoding.UTF8.GetString(buffer, 0, result.Count).Contains("\"session.ready\"", StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            }
        }, CancellationToken.None);

        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30), limit.Token).ConfigureAwait(false);
        using var ticks = new PeriodicTimer(Frame);
        for (int sent = 0; sent < talk / Frame && await ticks.WaitForNextTickAsync(limit.Token).ConfigureAwait(false); sent++)
        {
            await socket.SendAsync(_frame, WebSocketMessageType.Binary, endOfMessage: true, limit.Token).ConfigureAwait(false);
        }

        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", limit.Token).ConfigureAwait(false);
        await reader.WaitAsync(TimeSpan.FromSeconds(10), limit.Token).ConfigureAwait(false);
    }
}
