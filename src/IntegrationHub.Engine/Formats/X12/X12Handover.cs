namespace IntegrationHub.Formats.X12;

/// <summary>
/// A bounded first-in first-out hand-over of items from one writing thread to one reading thread (see
/// <see cref="X12Reader.ReadAhead"/>). A thread that must wait sleeps on the monitor at once instead of spinning first:
/// on a busy machine a spinning thread takes the core the other one needs.
/// </summary>
internal sealed class X12Handover<T>(int capacity)
{
    private readonly Queue<T> _items = new(capacity);
    private readonly object _gate = new();
    private bool _completed; // the writer has no more
    private bool _stopped; // the reader wants no more

    /// <summary>Adds an item, waiting while the hand-over is full; false when the reader stopped (the item is dropped).</summary>
    public bool Add(T item)
    {
        lock (_gate)
        {
            while (_items.Count >= capacity && !_stopped) Monitor.Wait(_gate);
            if (_stopped) return false;
            _items.Enqueue(item);
            if (_items.Count == 1) Monitor.PulseAll(_gate);
            return true;
        }
    }

    /// <summary>Takes the next item, waiting while there is none; false once the writer completed and all were taken.</summary>
    public bool Take(out T item)
    {
        lock (_gate)
        {
            while (_items.Count == 0 && !_completed) Monitor.Wait(_gate);
            if (_items.Count == 0)
            {
                item = default!;
                return false;
            }
            item = _items.Dequeue();
            if (_items.Count == capacity - 1) Monitor.PulseAll(_gate);
            return true;
        }
    }

    /// <summary>The writer has no more items.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The reader wants no more items: a waiting or later <see cref="Add"/> returns false.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
    }
}
