using System.Xml;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// The XmlReader name table of one cXML read. Names are looked up first in a table shared by every read (filled as names
/// are met, so after the first document no element or attribute name is allocated again, and each name is the interned
/// string a C# literal is, which makes name comparisons reference hits). The shared table is bounded in count and name
/// length so that documents full of invented names cannot grow it; those names go to a table that lives only as long as
/// the read. The shared table is an open-addressing array whose slots are written once, under a lock, and read without
/// one; its hash is the runtime's randomized string hash, so chosen names cannot make the probes long.
/// </summary>
internal sealed class CxmlNameTable : XmlNameTable
{
    /// <summary>The most names the shared table holds; cXML's DTDs declare about 1,500 element and attribute names together.</summary>
    internal const int SharedCapacity = 4096;

    /// <summary>The longest name the shared table takes.</summary>
    internal const int SharedNameLength = 64;

    // Twice the capacity, a power of two: at most half full, so a probe ends at an empty slot soon.
    private static readonly string?[] Slots = new string?[SharedCapacity * 2];
    private static readonly Lock Gate = new();
    private static int _sharedCount;

    // In front of the shared table: a shared name recently met, in a slot chosen by its length and three of its characters.
    // A hit is the same characters compared once, with no hash computed; anything else (an empty slot, another name in the
    // slot) goes on to the hashed table, so a name chosen to share a slot only costs that one comparison more.
    private const int RecentSlots = 512; // a power of two, above the distinct names of a large cXML document
    private static readonly string?[] Recent = new string?[RecentSlots];

    private Dictionary<string, string>? _local;

    /// <summary>How many names the shared table holds now.</summary>
    internal static int SharedCount => Volatile.Read(ref _sharedCount);

    public override string Add(char[] array, int offset, int length) => Add(new ReadOnlySpan<char>(array, offset, length));

    public override string Add(string array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return Add(array.AsSpan());
    }

    public override string? Get(char[] array, int offset, int length) => Get(new ReadOnlySpan<char>(array, offset, length));

    public override string? Get(string array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return Get(array.AsSpan());
    }

    private string Add(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty) return string.Empty;
        var slot = RecentSlot(name);
        if (Volatile.Read(ref Recent[slot]) is { } recent && name.SequenceEqual(recent)) return recent;
        var hash = string.GetHashCode(name);
        if (FindShared(name, hash) is { } shared)
        {
            Volatile.Write(ref Recent[slot], shared);
            return shared;
        }
        if (name.Length <= SharedNameLength && AddShared(name, hash) is { } added)
        {
            Volatile.Write(ref Recent[slot], added);
            return added;
        }
        var local = (_local ??= new Dictionary<string, string>(StringComparer.Ordinal)).GetAlternateLookup<ReadOnlySpan<char>>();
        if (local.TryGetValue(name, out var known)) return known;
        var atom = name.ToString();
        _local.Add(atom, atom);
        return atom;
    }

    private string? Get(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty) return string.Empty;
        if (FindShared(name, string.GetHashCode(name)) is { } shared) return shared;
        return _local is not null && _local.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var local) ? local : null;
    }

    // The slot of Recent for a name: its length and first, middle and last characters, spread. Only names of the shared
    // table are ever put there, so a slot never keeps a read's private name alive.
    internal static int RecentSlot(ReadOnlySpan<char> name) =>
        (name.Length * 31 + name[0] * 7 + name[name.Length >> 1] * 3 + name[^1]) & (RecentSlots - 1);

    private static string? FindShared(ReadOnlySpan<char> name, int hash)
    {
        var mask = Slots.Length - 1;
        for (var index = hash & mask; ; index = (index + 1) & mask)
        {
            var slot = Volatile.Read(ref Slots[index]);
            if (slot is null) return null;
            if (name.SequenceEqual(slot)) return slot;
        }
    }

    // Null when the shared table is full; the caller then keeps the name for this read only.
    private static string? AddShared(ReadOnlySpan<char> name, int hash)
    {
        lock (Gate)
        {
            if (FindShared(name, hash) is { } raced) return raced;
            if (_sharedCount >= SharedCapacity) return null;
            var atom = string.Intern(name.ToString());
            var mask = Slots.Length - 1;
            var index = hash & mask;
            while (Slots[index] is not null) index = (index + 1) & mask;
            Volatile.Write(ref Slots[index], atom);
            _sharedCount++;
            return atom;
        }
    }
}
