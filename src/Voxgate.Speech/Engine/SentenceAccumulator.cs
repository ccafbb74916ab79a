using System.Text;

namespace Voxgate.Speech.Engine;

/// <summary>
/// Collects streamed reply text and hands out whole sentences, so speech can start at the first full stop
/// instead of waiting for the whole reply.
/// </summary>
internal sealed class SentenceAccumulator
{
    private readonly StringBuilder _pending = new();

    /// <summary>Adds streamed text; returns the sentences it completed, in order.</summary>
    public IEnumerable<string> Add(string text)
    {
        _pending.Append(text);
        while (TryTakeSentence(out string? sentence))
        {
            yield return sentence;
        }
    }

    /// <summary>Returns what is left as a last sentence, if anything.</summary>
    public string? Flush()
    {
        string rest = _pending.ToString().Trim();
        _pending.Clear();
        return rest.Length == 0 ? null : rest;
    }

    private bool TryTakeSentence(out string sentence)
    {
        for (int i = 0; i < _pending.Length - 1; i++)
        {
            char c = _pending[i];
            // A terminator followed by white space ends a sentence; "3.5" or "e.g." without a space does not.
            if ((c is '.' or '!' or '?' or '\n') && char.IsWhiteSpace(_pending[i + 1]))
            {
                sentence = _pending.ToString(0, i + 1).Trim();
                _pending.Remove(0, i + 1);
                if (sentence.Length > 0)
                {
                    return true;
                }

                i = -1;
            }
        }

        sentence = string.Empty;
        return false;
    }
}
