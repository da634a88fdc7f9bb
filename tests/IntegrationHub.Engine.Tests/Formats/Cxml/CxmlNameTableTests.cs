using System.Text;

namespace IntegrationHub.Formats.Cxml;

/// <summary>The name table shared by cXML reads: atomized, interned names; bounded; never wrong about what it holds.</summary>
public sealed class CxmlNameTableTests
{
    [Fact]
    public void Add_ReturnsTheInternedLiteral_ForTheSameNameFromAnotherReadAndAnotherBuffer()
    {
        var first = new CxmlNameTable().Add("OrderRequestHeader".ToCharArray(), 0, 18);
        var chars = "..OrderRequestHeader..".ToCharArray();
        var second = new CxmlNameTable().Add(chars, 2, 18);

        Assert.Same(first, second);
        Assert.Same("OrderRequestHeader", second);
    }

    [Fact]
    public void Get_ReturnsNull_WhenTheNameWasNeverAdded()
    {
        var table = new CxmlNameTable();

        Assert.Null(table.Get("NeverSeen-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(string.Empty, table.Get(string.Empty));
    }

    [Fact]
    public void Add_KeepsLongNamesToTheRead_WhenTheyExceedTheSharedLength()
    {
        var name = "Long" + new string('x', CxmlNameTable.SharedNameLength) + Guid.NewGuid().ToString("N");
        var table = new CxmlNameTable();
        var before = CxmlNameTable.SharedCount;

        var added = table.Add(name);

        Assert.Equal(name, added);
        Assert.Same(added, table.Add(name.ToCharArray(), 0, name.Length));
        Assert.Same(added, table.Get(name));
        Assert.Null(new CxmlNameTable().Get(name));
        Assert.Equal(before, CxmlNameTable.SharedCount);
    }

    [Fact]
    public void Read_KeepsElementAndAttributeNames_WhenTheyAreLongerThanTheSharedTableTakes()
    {
        var element = "Ext" + new string('e', 80);
        var attribute = "attr" + new string('a', 80);
        var xml = "<cXML payloadID=\"1@x\" timestamp=\"2026-01-01T00:00:00+00:00\"><Response><Status code=\"200\" text=\"OK\"/>"
            + $"<{element} {attribute}=\"v\"><{element}>inner</{element}></{element}></Response></cXML>";

        var result = CxmlReader.Read(Encoding.UTF8.GetBytes(xml));

        var kept = Assert.Single(result.Document!.Body!.ElementsNamed(element));
        Assert.Equal("v", kept.Attribute(attribute));
        Assert.Equal("inner", kept.Element(element)!.Text);
    }

    // Names sharing a slot of the recent-name front cache: each still gets its own atom, however they alternate, and a
    // read's private (long) name in the same slot neither takes the slot nor is answered by the shared name in it.
    [Fact]
    public void Add_ReturnsEachNamesOwnAtom_WhenNamesShareARecentSlot()
    {
        // Names whose first, middle and last characters vary: among them, some share any given slot.
        static IEnumerable<string> Names(string filler) =>
            Enumerable.Range(0, 1 << 18).Select(i => (char)('a' + (i & 63)) + filler + (char)('a' + ((i >> 6) & 63)) + filler + (char)('a' + (i >> 12)));
        var first = Names("Slot").Skip(4711).First();
        var second = Names("Slot").First(n => n != first && CxmlNameTable.RecentSlot(n) == CxmlNameTable.RecentSlot(first));
        var privateName = Names(new string('z', CxmlNameTable.SharedNameLength / 2)).First(n => CxmlNameTable.RecentSlot(n) == CxmlNameTable.RecentSlot(first));
        var table = new CxmlNameTable();

        var atoms = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            atoms.Add(table.Add(first.ToCharArray(), 0, first.Length));
            atoms.Add(new CxmlNameTable().Add(second.ToCharArray(), 0, second.Length));
            Assert.Equal(privateName, table.Add(privateName.ToCharArray(), 0, privateName.Length));
        }

        Assert.All(atoms.Where((_, index) => index % 2 == 0), atom => Assert.Same(string.Intern(first), atom));
        Assert.All(atoms.Where((_, index) => index % 2 == 1), atom => Assert.Same(string.Intern(second), atom));
        Assert.Null(new CxmlNameTable().Get(privateName));
    }
}
