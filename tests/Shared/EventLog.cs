namespace Voxgate.Testing;

/// <summary>
/// Everything a test client has received, in order, and waits for what the test expects next. Shared (linked)
/// by the test projects' clients of the engine, the gateway and the wire protocol.
/// </summary>
/// <typeparam name="T">What is received: a server message, an event, a frame.</typeparam>
internal sealed class EventLog<T>
    where T : class
{
    private readonly List<T> _items = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A snapshot of what has been received.</summary>
    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_gate)
            {
                return [.. _items];
            }
        }
    }

    /// <summary>How many items have been received.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Records an item and wakes the waiters.</summary>
    public void Add(T item) => Signal(item);

    /// <summary>Wakes the waiters without an item, e.g. when the connection closes.</summary>
    public void Wake() => Signal(null);

    /// <summary>The first item from <paramref name="from"/> on that matches, or null.</summary>
    public T? Find(Func<T, bool> predicate, int from = 0)
    {
        lock (_gate)
        {
            for (int i = from; i < _items.Count; i++)
            {
                if (predicate(_items[i]))
                {
                    return _items[i];
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Waits for a matching item. Fails with <paramref name="describe"/>'s account of what did arrive when the time
    /// runs out, or as soon as <paramref name="ended"/> says nothing more will come.
    /// </summary>
    public async Task<T> WaitForAsync(Func<T, bool> predicate, int from, TimeSpan timeout, Func<string> describe, Func<bool>? ended = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (Find(predicate, from) is { } found)
            {
                return found;
            }

            if (ended?.Invoke() == true)
            {
                throw new InvalidOperationException("Ended before the expected event; got: " + describe());
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("Timed out; got: " + describe());
            }
        }
    }

    private void Signal(T? item)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (item is not null)
            {
                _items.Add(item);
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
