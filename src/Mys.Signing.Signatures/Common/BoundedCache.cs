namespace Mys.Signing.Signatures.Common;

/// <summary>
/// A thread-safe map with a fixed capacity that evicts the least recently used entry when a new one would exceed it
/// (a read counts as a use). Values are computed outside the lock; two threads missing the same key both compute it
/// and the later one's value wins, which is harmless for the immutable, content-keyed results kept here.
/// </summary>
public sealed class BoundedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>> _entries;

    // Most recently used first.
    private readonly LinkedList<KeyValuePair<TKey, TValue>> _recency = new();
    private readonly Lock _lock = new();
    private long _hits;
    private long _misses;
    private long _evictions;

    public BoundedCache(string name, int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Name = name;
        Capacity = capacity;
        _entries = new Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>>(Math.Min(capacity, 1024), comparer);
    }

    public string Name { get; }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _hits++;
                if (node != _recency.First)
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                }

                value = node.Value.Value;
                return true;
            }

            _misses++;
            value = default!;
            return false;
        }
    }

    /// <summary>Adds or replaces the value; evicts the least recently used entries beyond the capacity.</summary>
    public void Set(TKey key, TValue value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                _recency.Remove(existing);
            }

            var node = _recency.AddFirst(new KeyValuePair<TKey, TValue>(key, value));
            _entries[key] = node;
            while (_entries.Count > Capacity)
            {
                var last = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(last.Value.Key);
                _evictions++;
            }
        }
    }

    public TValue GetOrAdd<TState>(TKey key, TState state, Func<TKey, TState, TValue> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (TryGet(key, out var value))
        {
            return value;
        }

        value = create(key, state);
        Set(key, value);
        return value;
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _recency.Clear();
        }
    }

    public CacheStatistics Statistics()
    {
        lock (_lock)
        {
            return new CacheStatistics(Name, _entries.Count, Capacity, _hits, _misses, _evictions);
        }
    }
}

/// <summary>A cache's state: entries held, its capacity, and hits, misses and evictions since it was created.</summary>
public sealed record CacheStatistics(string Name, int Count, int Capacity, long Hits, long Misses, long Evictions);
