namespace IntegrationHub.Formats.Cxml;

/// <summary>Editing an element's attributes keeps document order, replaces in place and removes cleanly.</summary>
public sealed class CxmlElementTests
{
    [Fact]
    public void SetAttribute_ReplacesInPlaceAndAppendsNew_KeepingOrder()
    {
        var element = new CxmlElement("Money").SetAttribute("currency", "EUR").SetAttribute("alternateAmount", "1").SetAttribute("currency", "USD");

        Assert.Equal([new CxmlAttr("currency", "USD"), new CxmlAttr("alternateAmount", "1")], element.Attributes);
        Assert.Equal("USD", element.Attribute("currency"));
    }

    [Fact]
    public void RemoveAttribute_RemovesOnlyThatName_AndLeavesNoneWhenLastGoes()
    {
        var element = new CxmlElement("Credential").SetAttribute("domain", "DUNS").SetAttribute("type", "marketplace");

        element.RemoveAttribute("absent");
        element.RemoveAttribute("domain");
        Assert.Equal([new CxmlAttr("type", "marketplace")], element.Attributes);
        element.RemoveAttribute("type");
        Assert.Empty(element.Attributes);
        Assert.Null(element.Attribute("type"));
    }

    [Fact]
    public void Clone_CopiesAttributes_SoEditingTheCopyLeavesTheOriginal()
    {
        var original = CxmlReader.Read("<cXML payloadID=\"1@x\" timestamp=\"2026-01-01T00:00:00+00:00\"><Response><Status code=\"200\" text=\"OK\"/></Response></cXML>"u8.ToArray()).Document!.Root;

        var copy = original.Clone();
        copy.SetAttribute("payloadID", "2@x");
        copy.RemoveAttribute("timestamp");

        Assert.Equal("1@x", original.Attribute("payloadID"));
        Assert.Equal("2026-01-01T00:00:00+00:00", original.Attribute("timestamp"));
        Assert.Equal([new CxmlAttr("payloadID", "2@x")], copy.Attributes);
    }

    [Fact]
    public void Read_KeepsMixedContentInOrder_AndEditingAfterwardsAddsAndRemovesInPlace()
    {
        var xml = "<cXML><Comments>one<![CDATA[two]]><b/>three<b/></Comments><Name>leaf</Name></cXML>";
        var root = CxmlReader.Read(System.Text.Encoding.UTF8.GetBytes(xml)).Document!.Root;
        var comments = root.Element("Comments")!;

        Assert.Equal(["one", "two", "b", "three", "b"], comments.Nodes.Select(Describe));
        Assert.Equal("onetwothree", comments.Text);
        Assert.Equal("leaf", root.Element("Name")!.Text);
        Assert.Same(comments, comments.Elements.First().Parent);

        var added = comments.Add(new CxmlElement("c"));
        var first = comments.Elements.First();
        Assert.True(comments.Remove(first));
        Assert.Null(first.Parent);
        Assert.Equal(["one", "two", "three", "b", "c"], comments.Nodes.Select(Describe));
        Assert.Equal("/cXML/Comments/c", added.Path);
        root.Element("Name")!.Add(new CxmlElement("Inner"));
        Assert.Equal(["leaf", "Inner"], root.Element("Name")!.Nodes.Select(Describe));
    }

    [Fact]
    public void Read_ReportsAMissingRequiredAttribute_AtThePathOfTheFinishedTree()
    {
        var xml = "<cXML payloadID=\"p\" timestamp=\"2026-01-01T00:00:00+00:00\"><Message><Money currency=\"EUR\">1</Money><Money>2</Money></Message></cXML>";

        var diagnostics = CxmlReader.Read(System.Text.Encoding.UTF8.GetBytes(xml)).Diagnostics;

        var missing = Assert.Single(diagnostics, d => d.Message.Contains("Money@currency", StringComparison.Ordinal));
        Assert.Equal("/cXML/Message/Money[2]", missing.Position.Path);
    }

    private static string Describe(CxmlNode node) => node is CxmlText text ? text.Value : ((CxmlElement)node).Name;
}
