namespace IntegrationHub.Formats.Cxml;

/// <summary>The identity-keyed cache in front of the per-name lookups: answers as the lookup would, whatever it holds.</summary>
public sealed class CxmlAtomCacheTests
{
    [Fact]
    public void Get_AsksTheLookupOnce_ForTheSameString()
    {
        var asked = 0;
        var cache = new CxmlAtomCache<string>(name => { asked++; return "@" + name; });

        Assert.Equal("@quantity", cache.Get("quantity"));
        Assert.Equal("@quantity", cache.Get("quantity"));
        Assert.Equal(1, asked);
    }

    [Fact]
    public void Get_AnswersAStringOfTheSameCharactersButAnotherIdentity_ByAskingTheLookup()
    {
        var asked = 0;
        var cache = new CxmlAtomCache<int>(name => { asked++; return name.Length; });
        var atom = "lineNumber";
        var copy = new string(atom.AsSpan());

        Assert.Equal(10, cache.Get(atom));
        Assert.Equal(10, cache.Get(copy));
        Assert.Equal(2, asked);
    }

    [Fact]
    public void Get_StaysRight_WhenFarMoreNamesThanSlotsAreAsked()
    {
        var cache = new CxmlAtomCache<string>(name => name.ToUpperInvariant());
        var names = Enumerable.Range(0, 5000).Select(i => "name" + i).ToArray();

        foreach (var name in names) Assert.Equal(name.ToUpperInvariant(), cache.Get(name));
        foreach (var name in names) Assert.Equal(name.ToUpperInvariant(), cache.Get(name));
    }

    [Fact]
    public void Get_KeepsNoLongName_SoEachAskGoesToTheLookup()
    {
        var asked = 0;
        var cache = new CxmlAtomCache<int>(_ => ++asked);
        var name = new string('x', CxmlNameTable.SharedNameLength + 1);

        Assert.Equal(1, cache.Get(name));
        Assert.Equal(2, cache.Get(name));
    }
}
