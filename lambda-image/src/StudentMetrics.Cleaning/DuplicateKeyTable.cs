namespace StudentMetrics.Cleaning;

/// <summary>
/// For every distinct row key of a file, which row wins: 16 bytes a slot (64-bit key hash, row number,
/// day number), open addressing at most three quarters full, so under 32 bytes per key (plus a transient copy
/// while growing, which a size hint avoids). No strings are kept; a 64-bit hash makes a false match between two
/// keys of one file vanishingly unlikely. After the key pass, <see cref="Seal"/> keeps only the keys that occur more
/// than once, so the clean pass looks up a small table (usually an empty one) and the big one is freed.
/// </summary>
internal sealed class DuplicateKeyTable
{
    private const uint ContestedFlag = 0x8000_0000;

    private struct Slot
    {
        public ulong Hash;
        public uint Row;
        public int Day;
    }

    private Slot[] _slots = new Slot[1024];
    private int _count;
    private Dictionary<ulong, uint>? _contested;

    public int Count => _count;

    /// <summary>Keys that occur in more than one row (known after <see cref="Seal"/>).</summary>
    public int ContestedKeys => _contested?.Count ?? 0;

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

    /// <summary>Sizes the table for about this many keys at once, instead of doubling its way there.</summary>
    public void Expect(long keys)
    {
        var wanted = 1024L;
        while (wanted * 3 / 4 < keys && wanted < (1L << 28))
        {
            wanted *= 2;
        }

        if (wanted > _slots.Length)
        {
            Resize((int)wanted);
        }
    }

    /// <summary>Records a row with a valid key and date: it wins over the current winner if it is later, or as late.</summary>
    public void Offer(ulong hash, uint row, int day)
    {
        if ((_count + 1) * 4L > _slots.Length * 3L)
        {
            Resize(_slots.Length * 2);
        }

        ref var slot = ref Find(_slots, hash);
        if (slot.Hash == 0)
        {
            slot = new Slot { Hash = hash, Row = row, Day = day };
            _count++;
        }
        else
        {
            if (day >= slot.Day)
            {
                slot.Row = row;
                slot.Day = day;
            }

            slot.Row |= ContestedFlag;
        }
    }

    /// <summary>Ends the key pass: keeps the winners of the contested keys only and frees the rest.</summary>
    public void Seal()
    {
        _contested = [];
        foreach (var slot in _slots)
        {
            if ((slot.Row & ContestedFlag) != 0)
            {
                _contested[slot.Hash] = slot.Row & ~ContestedFlag;
            }
        }

        _slots = [];
    }

    /// <summary>Whether another row of the same key wins over this one (after <see cref="Seal"/>).</summary>
    public bool IsBeaten(ulong hash, uint row) => _contested is { Count: > 0 } contested && contested.TryGetValue(hash, out var winner) && winner != row;

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

    private void Resize(int slots)
    {
        var bigger = new Slot[slots];
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
