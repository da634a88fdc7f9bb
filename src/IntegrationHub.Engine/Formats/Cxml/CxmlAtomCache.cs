using System.Runtime.CompilerServices;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// What is known about a name, keyed by the name string's identity: the reader's names are atoms (the same string every
/// read, see <see cref="CxmlNameTable"/>), so a hit costs the object's identity hash and one reference compare instead of
/// hashing the name's characters. Bounded: a name is looked for in the few slots after its home slot and kept in the first
/// free one (when all are taken it replaces the entry at home, so a full cache stays correct, only slower), names
/// longer than <see cref="CxmlNameTable.SharedNameLength"/> are not kept (a document's invented names cannot hold large
/// strings alive), and a miss is answered by the slow lookup it stands for. Safe across threads: an entry is an
/// immutable object written in one store.
/// </summary>
internal sealed class CxmlAtomCache<T>(Func<string, T> lookup)
{
    private const int Size = 1024; // a power of two, well above the distinct names of a large cXML document
    private const int Probes = 4;

    private readonly Entry?[] _entries = new Entry?[Size];

    public T Get(string name)
    {
        var home = RuntimeHelpers.GetHashCode(name) & (Size - 1);
        var free = -1;
        for (var probe = 0; probe < Probes; probe++)
        {
            var slot = (home + probe) & (Size - 1);
            var entry = Volatile.Read(ref _entries[slot]);
            if (entry is null)
            {
                free = slot;
                break;
            }
            if (ReferenceEquals(entry.Name, name)) return entry.Value;
        }
        var value = lookup(name);
        if (name.Length <= CxmlNameTable.SharedNameLength) Volatile.Write(ref _entries[free >= 0 ? free : home], new Entry(name, value));
        return value;
    }

    private sealed record Entry(string Name, T Value);
}
