using System.Text;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Speech.Engine;

/// <summary>One item of a session's conversation, as the engine keeps it.</summary>
internal sealed class ConversationItem
{
    private readonly List<TimedText> _spoken = [];

    public required string Id { get; init; }

    public required ConversationItemKind Kind { get; init; }

    public ChatRole Role { get; init; } = ChatRole.User;

    /// <summary>A <see cref="ConversationItemStatus"/>: in progress, completed or incomplete.</summary>
    public string Status { get; set; } = ConversationItemStatus.Completed;

    /// <summary>Typed text, or the transcript of input audio (null until recognised).</summary>
    public string? Text { get; set; }

    /// <summary>True for items made from input audio (user) or spoken output (assistant).</summary>
    public bool IsAudio { get; init; }

    /// <summary>Milliseconds of output audio generated for an assistant item.</summary>
    public long AudioMs { get; set; }

    public string? CallId { get; init; }

    public string? Name { get; init; }

    public string? Arguments { get; set; }

    public string? Output { get; init; }

    /// <summary>The assistant's words so far, as spoken: what truncation cuts back.</summary>
    public string Transcript
    {
        get
        {
            var text = new StringBuilder();
            foreach (TimedText part in _spoken)
            {
                text.Append(part.Text);
            }

            return text.ToString();
        }
    }

    /// <summary>Records assistant text and the output-audio span it is spoken over.</summary>
    public void AddSpoken(string text, long startMs, long endMs) => _spoken.Add(new TimedText(text, startMs, endMs));

    /// <summary>Cuts the item back to what was heard: audio to <paramref name="audioEndMs"/>, and the words spoken by then.</summary>
    public void Truncate(long audioEndMs)
    {
        AudioMs = Math.Min(AudioMs, audioEndMs);
        var kept = new List<TimedText>();
        foreach (TimedText part in _spoken)
        {
            if (part.EndMs <= audioEndMs)
            {
                kept.Add(part);
                continue;
            }

            if (part.StartMs >= audioEndMs)
            {
                break;
            }

            // Within a sentence, words are taken to be spoken at an even pace by character count.
            double heard = (double)(audioEndMs - part.StartMs) / Math.Max(1, part.EndMs - part.StartMs);
            string[] words = part.Text.Split(' ');
            int total = Math.Max(1, part.Text.Length);
            int used = 0;
            var prefix = new StringBuilder();
            foreach (string word in words)
            {
                used += word.Length + 1;
                if ((double)used / total > heard + 1e-9)
                {
                    break;
                }

                prefix.Append(word).Append(' ');
            }

            if (prefix.Length > 0)
            {
                kept.Add(new TimedText(prefix.ToString(), part.StartMs, audioEndMs));
            }

            break;
        }

        _spoken.Clear();
        _spoken.AddRange(kept);
        Text = Transcript.Trim();
    }

    private readonly record struct TimedText(string Text, long StartMs, long EndMs);
}
