using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>Every message a realtime session sends, read in the background, with the questions a dialogue asks of them.</summary>
internal sealed class SessionLog : IAsyncDisposable
{
    private readonly IRealtimeClientSession _session;
    private readonly List<RealtimeServerMessage> _messages = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    public SessionLog(IRealtimeClientSession session)
    {
        _session = session;
        _reader = Task.Run(ReadAsync);
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count;
            }
        }
    }

    /// <summary>
    /// The latest response after <paramref name="from"/> that spoke, once it is done and nothing else is under way (no
    /// response being generated, no speech being heard): its words and audio length.
    /// </summary>
    public (string Text, int AudioMs)? SpokenReplyAfter(int from)
    {
        lock (_gate)
        {
            var created = new HashSet<string>(StringComparer.Ordinal);
            var done = new HashSet<string>(StringComparer.Ordinal);
            bool speaking = false;
            (string Text, string? Response)? last = null;
            for (int i = from; i < _messages.Count; i++)
            {
                RealtimeServerMessage message = _messages[i];
                if (message is ResponseCreatedRealtimeServerMessage { ResponseId: { } id } response)
                {
                    (response.Type == RealtimeServerMessageType.ResponseDone ? done : created).Add(id);
                }
                else if (message is OutputTextAudioRealtimeServerMessage { Text: { Length: > 0 } text } transcript
                    && transcript.Type == RealtimeServerMessageType.OutputAudioTranscriptionDone)
                {
                    last = (text.Trim(), transcript.ResponseId);
                }
                else if (message is InputAudioBufferSpeechStartedRealtimeServerMessage)
                {
                    speaking = true;
                }
                else if (message is InputAudioBufferSpeechStoppedRealtimeServerMessage)
                {
                    speaking = false;
                }
            }

            if (last is not { } reply || speaking || !created.IsSubsetOf(done) || reply.Response is null || !done.Contains(reply.Response))
            {
                return null;
            }

            int bytes = _messages.Skip(from).OfType<OutputTextAudioRealtimeServerMessage>()
                .Where(m => m.Type == RealtimeServerMessageType.OutputAudioDelta && m.ResponseId == reply.Response)
                .Sum(m => m is OutputAudioDeltaRealtimeServerMessage delta ? delta.Data.Length : Convert.FromBase64String(m.Audio ?? string.Empty).Length);
            return (reply.Text, bytes / 2 * 1000 / DialogueRun.Rate);
        }
    }

    /// <summary>What the engine heard the caller say after <paramref name="from"/>.</summary>
    public string TranscriptAfter(int from)
    {
        lock (_gate)
        {
            return string.Join(' ', _messages.Skip(from).OfType<InputAudioTranscriptionRealtimeServerMessage>()
                .Where(m => m.Type == RealtimeServerMessageType.InputAudioTranscriptionCompleted)
                .Select(m => m.Transcription));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _session.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _reader.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        await foreach (RealtimeServerMessage message in _session.GetStreamingResponseAsync(_stop.Token).ConfigureAwait(false))
        {
            lock (_gate)
            {
                _messages.Add(message);
            }
        }
    }
}
