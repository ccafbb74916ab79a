using System.Net.WebSockets;

namespace Voxgate.Realtime.WebSockets;

/// <summary>Ends a WebSocket politely when the peer is still there, and never throws when it is not.</summary>
public static class WebSocketClosing
{
    /// <summary>How long a close may take before the socket is aborted.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    /// <summary>Sends a close frame with <paramref name="status"/> and <paramref name="reason"/> (cut to the 123 bytes allowed), or aborts.</summary>
    public static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string? reason, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var grace = new CancellationTokenSource(Grace, time ?? TimeProvider.System);
                await socket.CloseOutputAsync(status, Fit(reason), grace.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The peer is gone; nothing left to tell it.
            socket.Abort();
        }
    }

    /// <summary>A close reason is at most 123 bytes of UTF-8.</summary>
    private static string? Fit(string? reason)
    {
        if (reason is null || System.Text.Encoding.UTF8.GetByteCount(reason) <= 123)
        {
            return reason;
        }

        int length = Math.Min(reason.Length, 120);
        while (length > 0 && System.Text.Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > 120)
        {
            length--;
        }

        return reason[..length] + "…";
    }
}
