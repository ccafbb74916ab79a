using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Engine;

/// <content>The input side: audio, turn detection, commits and speech recognition.</content>
public sealed partial class LocalRealtimeSession
{
    private const int MinCommitSamples = InputAudioPipeline.EngineRate / 10;   // OpenAI refuses commits under 100 ms

    private readonly HashSet<string> _respondWhenRecognised = [];
    private readonly HashSet<string> _discarded = [];
    private readonly Dictionary<string, string> _partials = [];
    private string? _speechItemId;
    private long _uncommittedFrom;

    private void OnAudio(DataContent? content, string? eventId)
    {
        if (content is null || !content.HasTopLevelMediaType("audio"))
        {
            EmitError("invalid_value", "input_audio_buffer.append needs audio content.", "audio", eventId);
            return;
        }

        if (!MatchesInputFormat(content.MediaType))
        {
            EmitError("invalid_value", $"Audio of type '{content.MediaType}' does not match the session's input format '{_input.Format.MediaType}'.", "audio", eventId);
            return;
        }

        IReadOnlyList<VadFrame> frames = _input.Append(content.Data.Span, out string? error);
        if (error is not null)
        {
            EmitError("invalid_value", error, "audio", eventId);
            return;
        }

        _clock.AdvanceAudio(_input.ReceivedMs);
        if (!_turn.Enabled)
        {
            if (_input.History.End - _uncommittedFrom > _input.History.Limit)
            {
                EmitError("input_audio_buffer_full", $"The input audio buffer holds at most {_limits.MaxBufferedAudioSeconds} s; commit or clear it. The oldest audio was dropped.", "audio", eventId);
                _uncommittedFrom = _input.History.Start;
            }

            return;
        }

        foreach (VadFrame frame in frames)
        {
            TurnBoundary boundary = _turns.Process(frame.Probability, frame.StartMs, frame.EndMs);
            switch (boundary.Kind)
            {
                case TurnBoundaryKind.SpeechStarted:
                    OnSpeechStarted(boundary.AudioMs, frame);
                    break;
                case TurnBoundaryKind.SpeechStopped:
                    FeedRecognition(frame);
                    OnSpeechStopped(boundary.AudioMs);
                    break;
                default:
                    if (_turns.InSpeech)
                    {
                        FeedRecognition(frame);
                    }

                    break;
            }
        }
    }

    private bool MatchesInputFormat(string mediaType)
    {
        string media = mediaType.Split(';')[0].Trim();
        return string.Equals(media, _input.Format.MediaType, StringComparison.OrdinalIgnoreCase)
            || (_input.Format.Encoding == AudioEncoding.Pcm16 && media.Equals("audio/l16", StringComparison.OrdinalIgnoreCase));
    }

    private void OnSpeechStarted(long audioStartMs, VadFrame frame)
    {
        string itemId = RealtimeIds.Item();
        _speechItemId = itemId;
        Emit(EngineEventTypes.SpeechStarted, new JsonObject { ["audio_start_ms"] = audioStartMs, ["item_id"] = itemId });
        if (_active is not null && _turn.InterruptResponse)
        {
            CancelActive("turn_detected");
        }

        // The turn begins prefix_padding_ms before the first voiced frame.
        long from = Math.Max(_uncommittedFrom, audioStartMs * 16);
        _recognition.Begin(itemId);
        long to = frame.StartSample + InputAudioPipeline.VadFrameSamples;
        _recognition.Audio(itemId, _input.History.CopyFrom(from).AsSpan(0, (int)Math.Max(0, to - Math.Max(from, _input.History.Start))));
    }

    private void FeedRecognition(VadFrame frame)
    {
        if (_speechItemId is null)
        {
            return;
        }

        Span<short> samples = stackalloc short[InputAudioPipeline.VadFrameSamples];
        int n = _input.History.Read(frame.StartSample, samples);
        _recognition.Audio(_speechItemId, samples[..n]);
    }

    private void OnSpeechStopped(long audioEndMs)
    {
        string itemId = _speechItemId!;
        Emit(EngineEventTypes.SpeechStopped, new JsonObject { ["audio_end_ms"] = audioEndMs, ["item_id"] = itemId });
        Commit(itemId, respond: _turn.CreateResponse, eventId: null);
    }

    private void CommitBuffer(string? eventId)
    {
        if (_turns.InSpeech && _speechItemId is not null)
        {
            _turns.Reset();
            Commit(_speechItemId, respond: false, eventId);
            return;
        }

        short[] audio = _input.History.CopyFrom(_uncommittedFrom);
        if (audio.Length < MinCommitSamples)
        {
            EmitError("input_audio_buffer_commit_empty", $"Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has {audio.Length / 16}ms of audio.", null, eventId);
            return;
        }

        string itemId = RealtimeIds.Item();
        _recognition.Begin(itemId);
        _recognition.Audio(itemId, audio);
        Commit(itemId, respond: false, eventId);
    }

    private void Commit(string itemId, bool respond, string? eventId)
    {
        string? previous = _conversation.LastItemId;
        var item = new ConversationItem { Id = itemId, Kind = ConversationItemKind.Message, Role = ChatRole.User, IsAudio = true };
        _conversation.TryAdd(item, null, out _);
        _speechItemId = null;
        _uncommittedFrom = _input.History.End;
        Emit(EngineEventTypes.Committed, new JsonObject { ["item_id"] = itemId, ["previous_item_id"] = previous });
        EmitItem(RealtimeServerMessageType.ConversationItemAdded, item, previous, eventId);
        EmitItem(RealtimeServerMessageType.ConversationItemDone, item, previous, null);
        if (respond)
        {
            _respondWhenRecognised.Add(itemId);
        }

        _recognition.End(itemId);
    }

    private void ClearBuffer()
    {
        if (_speechItemId is not null)
        {
            // The utterance is dropped: its recognition result will be ignored.
            _discarded.Add(_speechItemId);
            _recognition.End(_speechItemId);
            _speechItemId = null;
        }

        _turns.Reset();
        _uncommittedFrom = _input.History.End;
        Emit(EngineEventTypes.Cleared, []);
    }

    private void OnRecognitionPartial(RecognitionPartial partial)
    {
        // OpenAI's deltas only ever append, so only a hypothesis that extends what was sent is passed on.
        string sent = _partials.GetValueOrDefault(partial.ItemId, string.Empty);
        if (_discarded.Contains(partial.ItemId) || partial.Text.Length <= sent.Length || !partial.Text.StartsWith(sent, StringComparison.Ordinal))
        {
            return;
        }

        _partials[partial.ItemId] = partial.Text;
        Emit(new InputAudioTranscriptionRealtimeServerMessage(RealtimeServerMessageType.InputAudioTranscriptionDelta)
        {
            ItemId = partial.ItemId,
            ContentIndex = 0,
            Transcription = partial.Text[sent.Length..],
        });
    }

    private void OnRecognitionFinal(string itemId, string? text, string? failure)
    {
        _partials.Remove(itemId);
        bool respond = _respondWhenRecognised.Remove(itemId);
        if (_discarded.Remove(itemId))
        {
            return;
        }

        ConversationItem? item = _conversation.Find(itemId);
        if (failure is not null)
        {
            Emit(new InputAudioTranscriptionRealtimeServerMessage(RealtimeServerMessageType.InputAudioTranscriptionFailed)
            {
                ItemId = itemId,
                ContentIndex = 0,
                Error = new ErrorContent(failure) { ErrorCode = "transcription_failed" },
            });
            return;
        }

        if (item is not null)
        {
            item.Text = text;
        }

        Emit(new InputAudioTranscriptionRealtimeServerMessage(RealtimeServerMessageType.InputAudioTranscriptionCompleted)
        {
            ItemId = itemId,
            ContentIndex = 0,
            Transcription = text,
            Usage = new UsageDetails { InputAudioTokenCount = 0, OutputTextTokenCount = CountWords(text), TotalTokenCount = CountWords(text) },
        });

        // Nothing recognised (a cough, a door) gets no reply; a person would not answer it either.
        if (respond && item is not null && !string.IsNullOrWhiteSpace(text) && _active is null)
        {
            StartResponse(null, null);
        }
    }

    private static int CountWords(string? text)
        => string.IsNullOrWhiteSpace(text) ? 0 : text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
