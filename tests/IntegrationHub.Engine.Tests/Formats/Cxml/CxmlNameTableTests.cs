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
}
