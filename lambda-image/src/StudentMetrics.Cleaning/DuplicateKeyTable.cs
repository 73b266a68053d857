using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.Intrinsics.X86;

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

    private readonly Slot[] _pending = new Slot[64];
    private int _pendingCount;
    private Slot[] _slots = new Slot[1024];
    private int _count;
    private Dictionary<ulong, uint>? _contested;

    public int Count => _count;

    /// <summary>Keys that occur in more than one row (known after <see cref="Seal"/>).</summary>
    public int ContestedKeys => _contested?.Count ?? 0;

    public const ulong HashSeed = 14695981039346656037UL;

    /// <summary>Adds one canonical key value (and its length, so that values cannot run into each other) to a running hash, 8 bytes a step.</summary>
    public static ulong HashAdd(ulong h, ReadOnlySpan<byte> value)
    {
        h = (h ^ (ulong)value.Length) * 0x9E3779B97F4A7C15UL;
        while (value.Length >= 8)
        {
            h = BitOperations.RotateLeft((h ^ BinaryPrimitives.ReadUInt64LittleEndian(value)) * 0x9E3779B97F4A7C15UL, 31);
            value = value[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < value.Length; i++)
        {
            tail |= (ulong)value[i] << (8 * i);
        }

        return BitOperations.RotateLeft((h ^ tail) * 0x9E3779B97F4A7C15UL, 31);
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
        var wanted = Math.Min(keys * 4 / 3, 1L << 28);
        if (wanted > _slots.Length)
        {
            Resize((int)wanted);
        }
    }

    /// <summary>
    /// Records a row with a valid key and date: it wins over the current winner if it is later, or as late.
    /// Offers are applied in batches whose slots are prefetched first, so that the cache misses of a table far
    /// bigger than the cache overlap instead of queueing one after another.
    /// </summary>
    public void Offer(ulong hash, uint row, int day)
    {
        _pending[_pendingCount++] = new Slot { Hash = hash, Row = row, Day = day };
        if (_pendingCount == _pending.Length)
        {
            ApplyPending();
        }
    }

    private unsafe void ApplyPending()
    {
        if ((_count + _pendingCount) * 4L > _slots.Length * 3L)
        {
            Resize(Math.Max(_slots.Length * 2, (_count + _pendingCount) * 2));
        }

        if (Sse.IsSupported)
        {
            fixed (Slot* slots = _slots)
            {
                for (var i = 0; i < _pendingCount; i++)
                {
                    Sse.Prefetch0(slots + Home(_pending[i].Hash, _slots.Length));
                }
            }
        }

        for (var i = 0; i < _pendingCount; i++)
        {
            Apply(_pending[i].Hash, _pending[i].Row, _pending[i].Day);
        }

        _pendingCount = 0;
    }

    private static int Home(ulong hash, int length) => (int)Math.BigMul(hash, (ulong)length, out _);

    private void Apply(ulong hash, uint row, int day)
    {
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
        ApplyPending();
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
        // Multiply-shift maps the hash onto any table size, so the table can be sized to the keys, not to a power of two.
        var i = Home(hash, slots.Length);
        while (true)
        {
            ref var slot = ref slots[i];
            if (slot.Hash == hash || slot.Hash == 0)
            {
                return ref slot;
            }

            if (++i == slots.Length)
            {
                i = 0;
            }
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
