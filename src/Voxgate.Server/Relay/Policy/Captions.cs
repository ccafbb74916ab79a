using System.Text;

namespace Voxgate.Server.Relay.Policy;

/// <summary>Live captions of the caller: transcription deltas added up per item, so each partial shows the whole turn so far.</summary>
internal sealed class Captions
{
    private readonly Dictionary<string, StringBuilder> _partials = new(StringComparer.Ordinal);

    /// <summary>Adds a delta; returns the turn's text so far.</summary>
    public string OnDelta(string? itemId, string? delta)
    {
        string key = itemId ?? string.Empty;
        if (!_partials.TryGetValue(key, out StringBuilder? text))
        {
            _partials[key] = text = new StringBuilder();
        }

        text.Append(delta);
        return text.ToString().Trim();
    }

    /// <summary>The turn's final transcript arrived: forget its partial.</summary>
    public void OnCompleted(string? itemId) => _partials.Remove(itemId ?? string.Empty);
}
