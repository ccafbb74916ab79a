using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Voxgate.Testing;

namespace Voxgate.Server.Tests.Telephony;

/// <summary>
/// A phone carrier's side of a bidirectional media stream, written from the carriers' documented messages (Twilio's
/// Media Streams WebSocket messages; Telnyx's media streaming reference) and never from Voxgate's transport. It streams
/// the caller's line as 20 ms µ-law frames in real time (silence between what the caller says), plays what it is sent
/// at real time, echoes each mark only once the audio before it has played (at once when nothing is buffered), and on
/// <c>clear</c> drops what is buffered and echoes its marks, as both carriers document.
/// </summary>
internal sealed class SimulatedCarrier : IAsyncDisposable
{
    public const int FrameBytes = 160;
    private const byte MuLawSilence = 0xFF;

    private readonly ClientWebSocket _socket;
    private readonly bool _telnyx;
    private readonly string _streamId;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Queue<byte[]> _speech = new();
    private readonly List<byte> _buffered = [];
    private readonly List<(long At, string Name)> _pendingMarks = [];
    private readonly List<byte> _heard = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly EventLog<JsonObject> _received = new();
    private readonly List<string> _violations = [];
    private Task _line = Task.CompletedTask;
    private Task _reader = Task.CompletedTask;
    private Task _player = Task.CompletedTask;
    private long _sequence;
    private long _chunk;
    private long _playedBytes;
    private bool _holdPlayback;

    private SimulatedCarrier(ClientWebSocket socket, bool telnyx, string streamId)
    {
        _socket = socket;
        _telnyx = telnyx;
        _streamId = streamId;
    }

    /// <summary>Swaps each pair of media frames every this many frames (Telnyx does not promise order); 0 keeps order.</summary>
    public int ReorderEvery { get; set; }

    /// <summary>Everything the server sent, in order.</summary>
    public IReadOnlyList<JsonObject> Received => _received.Items;

    /// <summary>What broke the carrier's documented rules (a message for another stream, an unknown event).</summary>
    public IReadOnlyList<string> Violations { get { lock (_gate) { return [.. _violations]; } } }

    /// <summary>µ-law the caller has heard so far (played at real time).</summary>
    public byte[] Heard { get { lock (_gate) { return [.. _heard]; } } }

    /// <summary>Bytes of agent audio played so far.</summary>
    public long PlayedBytes => Interlocked.Read(ref _playedBytes);

    /// <summary>Milliseconds on the carrier's clock when the caller's last word was sent.</summary>
    public long SpeechEndedAtMs { get; private set; } = -1;

    /// <summary>When the first agent media after <see cref="SpeechEndedAtMs"/> arrived, and when the first mark after it was echoed (it had played).</summary>
    public long FirstMediaAtMs { get; private set; } = -1;

    public long FirstPlayedAtMs { get; private set; } = -1;

    /// <summary>When agent media last arrived; -1 before any.</summary>
    public long LastMediaAtMs { get; private set; } = -1;

    /// <summary>Agent audio received and not yet played.</summary>
    public int BufferedBytes { get { lock (_gate) { return _buffered.Count; } } }

    /// <summary>Waits until the agent has spoken and gone quiet for <paramref name="quietMs"/>, and all it sent has played.</summary>
    public async Task WaitForReplyAsync(int quietMs = 1200, TimeSpan? timeout = null)
    {
        long deadline = NowMs + (long)(timeout ?? TimeSpan.FromSeconds(60)).TotalMilliseconds;
        while (!(FirstMediaAtMs >= 0 && NowMs - LastMediaAtMs >= quietMs && BufferedBytes == 0))
        {
            if (NowMs > deadline || !IsOpen)
            {
                throw new Xunit.Sdk.XunitException($"No whole reply: first media at {FirstMediaAtMs} ms, last at {LastMediaAtMs} ms, {BufferedBytes} bytes unplayed, open: {IsOpen}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Names of the marks echoed, in order, and the latest echoed before the last <c>clear</c>.</summary>
    public List<string> EchoedMarks { get; } = [];

    public long NowMs => _clock.ElapsedMilliseconds;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    /// <summary>Opens the stream and sends <c>connected</c> and <c>start</c>, then keeps the line going at 50 frames a second.</summary>
    public static async Task<SimulatedCarrier> CallAsync(Uri media, string carrier, string from, IReadOnlyDictionary<string, string>? parameters = null, Action<ClientWebSocketOptions>? configure = null, string? streamId = null)
    {
        bool telnyx = carrier == "telnyx";
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(socket.Options);
        await socket.ConnectAsync(media, CancellationToken.None);
        var peer = new SimulatedCarrier(socket, telnyx, streamId ?? (telnyx ? "32DE0DEA-53CB-4B21-89A4-9E1819C043BC" : "MZ18ad3ab5a668481ce02b83e7395059f0"));
        peer._reader = Task.Run(peer.ReadAsync);
        await peer.SendStartAsync(from, parameters ?? new Dictionary<string, string>());
        peer._line = Task.Run(peer.LineAsync);
        peer._player = Task.Run(peer.PlayAsync);
        return peer;
    }

    private Task SendStartAsync(string from, IReadOnlyDictionary<string, string> parameters)
    {
        var custom = new JsonObject();
        foreach ((string name, string value) in parameters)
        {
            custom[name] = value;
        }

        if (_telnyx)
        {
            return SendAsync(new JsonObject { ["event"] = "connected", ["version"] = "1.0.0" })
                .ContinueWith(_ => SendAsync(new JsonObject
                {
                    ["event"] = "start",
                    ["sequence_number"] = Next(),
                    ["start"] = new JsonObject
                    {
                        ["user_id"] = "3E6F995F-85F7-4705-9741-53B116D28237",
                        ["call_control_id"] = "v3:T02llQxIyaRkhfRKxgAP8nY511EhFLizdvdUKJiSw8d6A9BborherQ",
                        ["call_session_id"] = "ff55a038-6f5d-11ef-9692-02420aeffb1f",
                        ["from"] = from,
                        ["to"] = "+13122123456",
                        ["tags"] = new JsonArray("TAG1"),
                        ["client_state"] = "aGF2ZSBhIG5pY2UgZGF5ID1d",
                        ["custom_parameters"] = custom,
                        ["media_format"] = new JsonObject { ["encoding"] = "PCMU", ["sample_rate"] = 8000, ["channels"] = 1 },
                    },
                    ["stream_id"] = _streamId,
                })).Unwrap();
        }

        return SendAsync(new JsonObject { ["event"] = "connected", ["protocol"] = "Call", ["version"] = "1.0.0" })
            .ContinueWith(_ => SendAsync(new JsonObject
            {
                ["event"] = "start",
                ["sequenceNumber"] = Next(),
                ["streamSid"] = _streamId,
                ["start"] = new JsonObject
                {
                    ["accountSid"] = "AC0123456789abcdef0123456789abcdef",
                    ["streamSid"] = _streamId,
                    ["callSid"] = "CA0123456789abcdef0123456789abcdef",
                    ["tracks"] = new JsonArray("inbound"),
                    ["customParameters"] = custom,
                    ["mediaFormat"] = new JsonObject { ["encoding"] = "audio/x-mulaw", ["sampleRate"] = 8000, ["channels"] = 1 },
                },
            })).Unwrap();
    }

    /// <summary>The caller says <paramref name="mulaw"/> (8 kHz µ-law), in real time on the line; completes when it has all been sent.</summary>
    public async Task SayAsync(byte[] mulaw)
    {
        var done = new TaskCompletionSource();
        lock (_gate)
        {
            for (int offset = 0; offset < mulaw.Length; offset += FrameBytes)
            {
                byte[] frame = new byte[FrameBytes];
                Array.Fill(frame, MuLawSilence);
                mulaw.AsSpan(offset, Math.Min(FrameBytes, mulaw.Length - offset)).CopyTo(frame);
                _speech.Enqueue(frame);
            }

            _speech.Enqueue([]);
            _spoken = done;
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private TaskCompletionSource? _spoken;

    /// <summary>Presses a key: a <c>dtmf</c> message.</summary>
    public Task PressAsync(string digit) => SendAsync(_telnyx
        ? new JsonObject { ["event"] = "dtmf", ["stream_id"] = _streamId, ["occurred_at"] = DateTimeOffset.UtcNow.ToString("O"), ["sequence_number"] = Next(), ["dtmf"] = new JsonObject { ["digit"] = digit } }
        : new JsonObject { ["event"] = "dtmf", ["sequenceNumber"] = Next(), ["streamSid"] = _streamId, ["dtmf"] = new JsonObject { ["track"] = "inbound_track", ["digit"] = digit } });

    /// <summary>Stops playing (a jitter buffer stalls): audio and marks wait until <see cref="ResumePlayback"/>.</summary>
    public void HoldPlayback()
    {
        lock (_gate)
        {
            _holdPlayback = true;
        }
    }

    public void ResumePlayback()
    {
        lock (_gate)
        {
            _holdPlayback = false;
        }
    }

    /// <summary>The caller hangs up: <c>stop</c>, then the stream closes.</summary>
    public async Task HangUpAsync()
    {
        await _stop.CancelAsync();
        await _line.ContinueWith(_ => { });
        await SendAsync(_telnyx
            ? new JsonObject { ["event"] = "stop", ["sequence_number"] = Next(), ["stop"] = new JsonObject { ["user_id"] = "3E6F995F", ["call_control_id"] = "v3:T02llQxIyaRkhf" }, ["stream_id"] = _streamId }
            : new JsonObject { ["event"] = "stop", ["sequenceNumber"] = Next(), ["streamSid"] = _streamId, ["stop"] = new JsonObject { ["accountSid"] = "AC0123", ["callSid"] = "CA0123" } });
        await WaitForCloseAsync();
    }

    /// <summary>Sends any text as the carrier would not: for the malformed-message tests.</summary>
    public Task SendRawAsync(string text) => SendBytesAsync(Encoding.UTF8.GetBytes(text));

    public Task SendBytesAsync(byte[] utf8) => Locked(() => _socket.SendAsync(utf8, WebSocketMessageType.Text, true, CancellationToken.None));

    /// <summary>A media message with any payload text, numbered like the others.</summary>
    public Task SendMediaAsync(string payload, string? streamId = null) => SendAsync(MediaMessage(payload, streamId ?? _streamId, Next()));

    /// <summary>Waits until the server closes the stream (or it breaks).</summary>
    public async Task<WebSocketCloseStatus?> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        await _reader.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        return _socket.CloseStatus;
    }

    public Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, int from = 0, TimeSpan? timeout = null)
        => _received.WaitForAsync(match, from, timeout ?? TimeSpan.FromSeconds(60), () => $"{_received.Count} messages from the server; last: {(_received.Items is [.., var last] ? last.ToJsonString() : "none")}");

    public bool IsOpen => _socket.State == WebSocketState.Open;

    /// <summary>The line: a 20 ms frame every 20 ms, the caller's words when there are some, silence otherwise.</summary>
    private async Task LineAsync()
    {
        long started = _clock.ElapsedMilliseconds;
        byte[] silence = new byte[FrameBytes];
        Array.Fill(silence, MuLawSilence);
        JsonObject? heldBack = null;
        try
        {
            for (long n = 0; !_stop.IsCancellationRequested; n++)
            {
                long due = started + n * 20;
                long wait = due - _clock.ElapsedMilliseconds;
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait), _stop.Token);
                }

                byte[] frame = silence;
                lock (_gate)
                {
                    if (_speech.TryDequeue(out byte[]? words))
                    {
                        if (words.Length == 0)
                        {
                            SpeechEndedAtMs = _clock.ElapsedMilliseconds;
                            FirstMediaAtMs = FirstPlayedAtMs = -1;
                            _spoken?.TrySetResult();
                        }
                        else
                        {
                            frame = words;
                        }
                    }
                }

                JsonObject media = MediaMessage(Convert.ToBase64String(frame), _streamId, Next(), ++_chunk, n * 20);
                if (ReorderEvery > 0 && n % ReorderEvery == 1 && heldBack is null)
                {
                    // Sent after the next one: out of order by one.
                    heldBack = media;
                    continue;
                }

                await SendAsync(media);
                if (heldBack is not null)
                {
                    await SendAsync(heldBack);
                    heldBack = null;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private JsonObject MediaMessage(string payload, string streamId, string sequence, long chunk = 0, long timestamp = 0) => _telnyx
        ? new JsonObject
        {
            ["event"] = "media",
            ["sequence_number"] = sequence,
            ["media"] = new JsonObject { ["track"] = "inbound", ["chunk"] = chunk.ToString(), ["timestamp"] = timestamp.ToString(), ["payload"] = payload },
            ["stream_id"] = streamId,
        }
        : new JsonObject
        {
            ["event"] = "media",
            ["sequenceNumber"] = sequence,
            ["streamSid"] = streamId,
            ["media"] = new JsonObject { ["track"] = "inbound", ["chunk"] = chunk.ToString(), ["timestamp"] = timestamp.ToString(), ["payload"] = payload },
        };

    /// <summary>The player: 20 ms of what was sent, every 20 ms; a mark is echoed once the audio before it has played.</summary>
    private async Task PlayAsync()
    {
        long started = _clock.ElapsedMilliseconds;
        try
        {
            for (long n = 1; !_stop.IsCancellationRequested; n++)
            {
                long wait = started + n * 20 - _clock.ElapsedMilliseconds;
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait), _stop.Token);
                }

                List<string> due;
                lock (_gate)
                {
                    if (_holdPlayback)
                    {
                        continue;
                    }

                    int take = Math.Min(FrameBytes, _buffered.Count);
                    _heard.AddRange(_buffered.GetRange(0, take));
                    _buffered.RemoveRange(0, take);
                    long played = Interlocked.Add(ref _playedBytes, take);
                    due = TakeDueMarks(played);
                }

                foreach (string name in due)
                {
                    await EchoMarkAsync(name);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private List<string> TakeDueMarks(long played)
    {
        var due = new List<string>();
        while (_pendingMarks.Count > 0 && _pendingMarks[0].At <= played)
        {
            due.Add(_pendingMarks[0].Name);
            _pendingMarks.RemoveAt(0);
        }

        return due;
    }

    private Task EchoMarkAsync(string name)
    {
        lock (_gate)
        {
            EchoedMarks.Add(name);
            if (FirstPlayedAtMs < 0 && FirstMediaAtMs >= 0)
            {
                FirstPlayedAtMs = _clock.ElapsedMilliseconds;
            }
        }

        return SendAsync(_telnyx
            ? new JsonObject { ["event"] = "mark", ["sequence_number"] = Next(), ["stream_id"] = _streamId, ["mark"] = new JsonObject { ["name"] = name } }
            : new JsonObject { ["event"] = "mark", ["sequenceNumber"] = Next(), ["streamSid"] = _streamId, ["mark"] = new JsonObject { ["name"] = name } });
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        try
        {
            while (true)
            {
                int count = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var message = (JsonObject)JsonNode.Parse(buffer.AsSpan(0, count))!;
                message["at_ms"] = _clock.ElapsedMilliseconds;
                await OnServerMessageAsync(message);
                _received.Add(message);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            await _stop.CancelAsync();
            _received.Wake();
        }
    }

    private async Task OnServerMessageAsync(JsonObject message)
    {
        string? type = (string?)message["event"];
        string? stream = (string?)message["streamSid"];
        List<string> echo = [];
        lock (_gate)
        {
            // Twilio's messages from the server name the stream; Telnyx's carry no id.
            if (!_telnyx && stream != _streamId)
            {
                _violations.Add($"{type} for stream {stream ?? "(none)"}");
            }

            switch (type)
            {
                case "media":
                    byte[] audio = Convert.FromBase64String((string)message["media"]!["payload"]!);
                    _buffered.AddRange(audio);
                    LastMediaAtMs = _clock.ElapsedMilliseconds;
                    if (FirstMediaAtMs < 0 && SpeechEndedAtMs >= 0)
                    {
                        FirstMediaAtMs = _clock.ElapsedMilliseconds;
                    }

                    break;
                case "mark":
                    // Marks come back once what is queued before them has played; at once when nothing is.
                    _pendingMarks.Add((Interlocked.Read(ref _playedBytes) + _buffered.Count, (string)message["mark"]!["name"]!));
                    echo = _buffered.Count == 0 ? TakeDueMarks(long.MaxValue) : [];
                    break;
                case "clear":
                    // "Empties all buffered audio and causes any mark messages to be sent back."
                    _buffered.Clear();
                    echo = TakeDueMarks(long.MaxValue);
                    break;
                default:
                    _violations.Add($"unknown event {type}");
                    break;
            }
        }

        foreach (string name in echo)
        {
            await EchoMarkAsync(name);
        }
    }

    private string Next() => Interlocked.Increment(ref _sequence).ToString();

    private Task SendAsync(JsonObject message) => SendBytesAsync(Encoding.UTF8.GetBytes(message.ToJsonString()));

    private async Task Locked(Func<Task> send)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await send();
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_line, _player).ContinueWith(_ => { });
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", grace.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
        _stop.Dispose();
    }
}
