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
}
