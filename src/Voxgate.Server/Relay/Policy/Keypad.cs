using System.Text;

namespace Voxgate.Server.Relay.Policy;

/// <summary>
/// Keys the caller presses, gathered into one entry (a menu choice, a reference, a number) until a pause or <c>#</c>,
/// so the agent answers the whole entry once instead of every key.
/// </summary>
internal sealed class Keypad
{
    private readonly StringBuilder _keys = new();

    /// <summary>Whether an entry is being gathered.</summary>
    public bool Pending => _keys.Length > 0;

    /// <summary>Adds a key; true when it ends the entry (<c>#</c>), which is then ready to <see cref="Take"/>.</summary>
    public bool OnKey(string key)
    {
        if (key == "#")
        {
            // '#' only ends an entry; alone it is still a key the agent hears.
            _keys.Append(_keys.Length == 0 ? "#" : string.Empty);
            return true;
        }

        _keys.Append(_keys.Length == 0 ? string.Empty : " ").Append(key);
        return false;
    }

    /// <summary>The entry as the model reads it, "The caller pressed 1 2 3"; empties the keypad. Null when nothing was pressed.</summary>
    public string? Take()
    {
        if (_keys.Length == 0)
        {
            return null;
        }

        string text = "The caller pressed " + _keys;
        _keys.Clear();
        return text;
    }
}
