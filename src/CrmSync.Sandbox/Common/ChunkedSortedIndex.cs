namespace CrmSync.Sandbox.Common;

/// <summary>
/// A sorted set of unique keys kept as a list of small sorted chunks: insert and remove touch one
/// chunk, seeking is two binary searches, and iterating from a key is O(log n + k). Lets an
/// emulator serve a page of 100k+ records without scanning them. Not thread-safe.
/// </summary>
public sealed class ChunkedSortedIndex<T>
    where T : IComparable<T>
{
    private const int MaxChunkSize = 1024;
    private readonly List<List<T>> _chunks = [];

    public int Count { get; private set; }

    public bool Add(T key)
    {
        if (_chunks.Count == 0)
        {
            _chunks.Add([key]);
            Count = 1;
            return true;
        }

        var chunkIndex = ChunkFor(key);
        var chunk = _chunks[chunkIndex];
        var position = chunk.BinarySearch(key);
        if (position >= 0)
        {
            return false;
        }

        chunk.Insert(~position, key);
        Count++;
        if (chunk.Count > MaxChunkSize)
        {
            var half = chunk.Count / 2;
            _chunks.Insert(chunkIndex + 1, chunk.GetRange(half, chunk.Count - half));
            chunk.RemoveRange(half, chunk.Count - half);
        }

        return true;
    }

    public bool Remove(T key)
    {
        if (_chunks.Count == 0)
        {
            return false;
        }

        var chunkIndex = ChunkFor(key);
        var chunk = _chunks[chunkIndex];
        var position = chunk.BinarySearch(key);
        if (position < 0)
        {
            return false;
        }

        chunk.RemoveAt(position);
        Count--;
        if (chunk.Count == 0)
        {
            _chunks.RemoveAt(chunkIndex);
        }

        return true;
    }

    public bool Contains(T key)
    {
        if (_chunks.Count == 0)
        {
            return false;
        }

        return _chunks[ChunkFor(key)].BinarySearch(key) >= 0;
    }

    /// <summary>Keys in ascending order, starting at <paramref name="from"/> (or the first key).</summary>
    public IEnumerable<T> Ascending(T? from = default, bool hasFrom = false, bool inclusive = true)
    {
        if (_chunks.Count == 0)
        {
            yield break;
        }

        var chunkIndex = 0;
        var position = 0;
        if (hasFrom)
        {
            chunkIndex = ChunkFor(from!);
            var found = _chunks[chunkIndex].BinarySearch(from!);
            position = found >= 0 ? (inclusive ? found : found + 1) : ~found;
        }

        for (; chunkIndex < _chunks.Count; chunkIndex++, position = 0)
        {
            var chunk = _chunks[chunkIndex];
            for (; position < chunk.Count; position++)
            {
                yield return chunk[position];
            }
        }
    }

    /// <summary>Keys in descending order, starting at <paramref name="from"/> (or the last key).</summary>
    public IEnumerable<T> Descending(T? from = default, bool hasFrom = false, bool inclusive = true)
    {
        if (_chunks.Count == 0)
        {
            yield break;
        }

        var chunkIndex = _chunks.Count - 1;
        var position = _chunks[chunkIndex].Count - 1;
        if (hasFrom)
        {
            chunkIndex = ChunkFor(from!);
            var found = _chunks[chunkIndex].BinarySearch(from!);
            position = found >= 0 ? (inclusive ? found : found - 1) : ~found - 1;
        }

        for (; chunkIndex >= 0; chunkIndex--)
        {
            var chunk = _chunks[chunkIndex];
            position = Math.Min(position, chunk.Count - 1);
            for (; position >= 0; position--)
            {
                yield return chunk[position];
            }

            position = int.MaxValue;
        }
    }

    public void Clear()
    {
        _chunks.Clear();
        Count = 0;
    }

    /// <summary>The chunk whose range holds <paramref name="key"/>: the first whose last key is >= it, else the last.</summary>
    private int ChunkFor(T key)
    {
        int low = 0, high = _chunks.Count - 1;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            var chunk = _chunks[mid];
            if (chunk[^1].CompareTo(key) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
