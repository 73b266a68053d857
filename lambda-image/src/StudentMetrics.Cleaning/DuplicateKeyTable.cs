namespace StudentMetrics.Cleaning;

/// <summary>
/// For every distinct row key of a file, which row wins: 16 bytes a slot (64-bit key hash, row number,
/// day number), open addressing at most half full, so at most 32 bytes per key plus a transient copy while growing.
/// No strings are kept; a 64-bit hash makes a false match between two keys of one file vanishingly unlikely.
/// </summary>
internal sealed class DuplicateKeyTable
{
    private struct Slot
    {
        public ulong Hash;
        public uint Row;
        public int Day;
    }

    private Slot[] _slots = new Slot[1024];
    private int _count;

    public int Count => _count;

    public const ulong HashSeed = 14695981039346656037UL;

    /// <summary>Adds one canonical key value (and a separator) to a running FNV-1a hash.</summary>
    public static ulong HashAdd(ulong h, ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            h = (h ^ b) * 1099511628211UL;
        }

        return (h ^ 0x1F) * 1099511628211UL;
    }

    /// <summary>FNV alone mixes the high bits poorly; the murmur finaliser spreads every input bit over the word. Never 0 (the empty slot).</summary>
    public static ulong HashFinish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h == 0 ? 1 : h;
    }

    /// <summary>Records a row with a valid key and date: it wins over the current winner if it is later, or as late.</summary>
    public void Offer(ulong hash, uint row, int day)
    {
        if ((_count + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        ref var slot = ref Find(_slots, hash);
        if (slot.Hash == 0)
        {
            slot = new Slot { Hash = hash, Row = row, Day = day };
            _count++;
        }
        else if (day >= slot.Day)
        {
            slot.Row = row;
            slot.Day = day;
        }
    }

    /// <summary>The winning row of a key, 0 if the key was never offered.</summary>
    public uint WinnerOf(ulong hash) => Find(_slots, hash).Row;

    private static ref Slot Find(Slot[] slots, ulong hash)
    {
        var mask = slots.Length - 1;
        var i = (int)hash & mask;
        while (true)
        {
            ref var slot = ref slots[i];
            if (slot.Hash == hash || slot.Hash == 0)
            {
                return ref slot;
            }

            i = (i + 1) & mask;
        }
    }

    private void Grow()
    {
        var bigger = new Slot[_slots.Length * 2];
        foreach (var slot in _slots)
        {
            if (slot.Hash != 0)
            {
                Find(bigger, slot.Hash) = slot;
            }
        }

        _slots = bigger;
    }
}
