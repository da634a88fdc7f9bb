using IntegrationHub.Formats.Cxml.Specs;
using IntegrationHub.Support;

namespace IntegrationHub.Formats.Cxml;

/// <summary>The embedded table of #REQUIRED attributes is exactly what the DTDs of the documents the hub reads declare.</summary>
public sealed class RequiredAttributesTests
{
    // The DTD families of every payload the hub models (CxmlDtd.FileFor).
    private static readonly string[] Families = ["cXML.dtd", "Fulfill.dtd", "InvoiceDetail.dtd"];

    [Fact]
    public void Table_IsTheDtdsRequiredAttributes_WhenDtdsArePresent()
    {
        var folder = CxmlDtdValidator.DtdFolderOrSkip();
        var derived = DtdRequiredAttributes.Merged(Families.Select(file => File.ReadAllText(Path.Combine(folder, file))));
        var embedded = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (element, names) in RequiredAttributes.All) embedded[element] = new SortedSet<string>(names, StringComparer.Ordinal);

        var expected = DtdRequiredAttributes.Lines(derived);
        var actual = DtdRequiredAttributes.Lines(embedded);
        if (expected != actual)
        {
            var regenerated = Path.Combine(Path.GetTempPath(), "required-attributes.derived.txt");
            File.WriteAllText(regenerated, expected);
            Assert.Fail($"Formats/Cxml/Specs/required-attributes.txt differs from the DTDs; the derived lines are in {regenerated}.");
        }
    }

    [Theory]
    [InlineData("cXML", "payloadID")]
    [InlineData("cXML", "timestamp")]
    [InlineData("PunchOutSetupRequest", "operation")]
    [InlineData("OrderRequestHeader", "orderID")]
    [InlineData("OrderRequestHeader", "orderDate")]
    [InlineData("ItemOut", "quantity")]
    [InlineData("ItemIn", "quantity")]
    [InlineData("Money", "currency")]
    [InlineData("Credential", "domain")]
    [InlineData("ConfirmationHeader", "type")]
    [InlineData("ConfirmationHeader", "noticeDate")]
    [InlineData("ShipNoticeHeader", "shipmentID")]
    [InlineData("InvoiceDetailRequestHeader", "invoiceID")]
    [InlineData("InvoiceDetailRequestHeader", "invoiceDate")]
    [InlineData("Status", "code")]
    public void IsRequired_IsTrue_ForTheDtdsWellKnownRequiredAttributes(string element, string attribute) =>
        Assert.True(RequiredAttributes.IsRequired(element, attribute), $"{element}@{attribute}");

    [Theory]
    [InlineData("cXML", "version")]
    [InlineData("ItemOut", "lineNumber")]
    [InlineData("OrderRequestHeader", "type")]
    [InlineData("Credential", "type")]
    [InlineData("NoSuchElement", "quantity")]
    public void IsRequired_IsFalse_ForImpliedOrDefaultedAttributesAndUnknownElements(string element, string attribute) =>
        Assert.False(RequiredAttributes.IsRequired(element, attribute), $"{element}@{attribute}");
}
