using System.Text;
using System.Xml;
using System.Xml.Linq;
using IntegrationHub.Documents;
using IntegrationHub.Formats.Cxml.Specs;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// The reader reports every #REQUIRED attribute a document leaves out, once, at the element (path, line) and by name, with
/// the Status the hub answers with; every sample (one per document type the hub reads) has each of its required attributes
/// taken away in turn.
/// </summary>
public sealed class RequiredAttributeCheckTests
{
    public static TheoryData<string, string, string> Removals()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (sample, path, attribute) in RequiredInSamples()) data.Add(sample, path, attribute);
        return data;
    }

    [Fact]
    public void Removals_CoverEveryDocumentTypeAndTheEnvelope()
    {
        var removals = RequiredInSamples().ToList();

        Assert.Equal(CxmlSamples.Names().Count, removals.Select(r => r.Sample).Distinct().Count());
        Assert.Contains(removals, r => r.Path == "/cXML" && r.Attribute == "timestamp");
        Assert.Contains(removals, r => r.Path.EndsWith("/Credential", StringComparison.Ordinal) && r.Attribute == "domain");
        Assert.Contains(removals, r => r.Path.EndsWith("/Money", StringComparison.Ordinal) && r.Attribute == "currency");
        Assert.Contains(removals, r => r.Path.EndsWith("/PunchOutSetupRequest", StringComparison.Ordinal) && r.Attribute == "operation");
        Assert.Contains(removals, r => r.Path.EndsWith("/ItemOut", StringComparison.Ordinal) && r.Attribute == "quantity");
    }

    // Every (sample, element path, attribute) where the sample carries an attribute the DTDs require.
    private static IEnumerable<(string Sample, string Path, string Attribute)> RequiredInSamples()
    {
        foreach (var name in CxmlSamples.Names().Select(row => row.Data))
        {
            var document = Load(CxmlSamples.Bytes(name));
            foreach (var element in document.Descendants())
            {
                foreach (var attribute in RequiredAttributes.Of(NameOf(element)).Where(a => Find(element, a) is not null))
                    yield return (name, PathOf(element), attribute);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Removals))]
    public void Read_ReportsTheAbsentAttributeOnceAtItsElement_WhenARequiredAttributeIsRemoved(string sample, string path, string attribute)
    {
        var document = Load(CxmlSamples.Bytes(sample));
        var element = document.Descendants().Single(e => PathOf(e) == path);
        Find(element, attribute)!.Remove();

        var result = CxmlReader.Read(Bytes(document));

        var name = NameOf(element);
        var reported = result.Diagnostics.Where(d => d.Message.Contains($"@{attribute} is ", StringComparison.Ordinal) && d.Position.Path == path).ToList();
        var diagnostic = Assert.Single(reported);
        Assert.Equal($"{name}@{attribute} is missing.", diagnostic.Message);
        Assert.Equal(path == "/cXML" ? CxmlCodes.EnvelopeRequired : CxmlCodes.Required, diagnostic.Code);
        Assert.Equal(((IXmlLineInfo)element).LineNumber, diagnostic.Position.Line);
        // An absent language is a warning (the text is all there); any other absent required attribute refuses the document.
        var language = attribute == "xml:lang";
        Assert.Equal(language ? Severity.Warning : Severity.Error, diagnostic.Severity);
        Assert.Equal(language ? 200 : 400, CxmlStatusTable.StatusFor(result.Diagnostics).Code);
        Assert.NotNull(result.Document);
    }

    [Fact]
    public void Read_ReportsEveryAbsentAttribute_WhenSeveralAreMissing()
    {
        var result = CxmlReader.Read(Encoding.UTF8.GetBytes(
            "<cXML payloadID=\"1@x\"><Header><From><Credential><Identity>a</Identity></Credential></From><To/><Sender/></Header>" +
            "<Request><OrderRequest><OrderRequestHeader orderID=\"PO-1\"><Total><Money>1.00</Money></Total></OrderRequestHeader>" +
            "<ItemOut lineNumber=\"1\"><ItemID><SupplierPartID>A</SupplierPartID></ItemID></ItemOut></OrderRequest></Request></cXML>"));

        var missing = result.Diagnostics.Where(d => d.Message.EndsWith(" is missing.", StringComparison.Ordinal)).Select(d => $"{d.Code} {d.Position.Path} {d.Message}").ToList();
        Assert.Equal(
        [
            "cxml.envelope.required /cXML cXML@timestamp is missing.",
            "cxml.document.required /cXML/Header/From/Credential Credential@domain is missing.",
            "cxml.document.required /cXML/Request/OrderRequest/OrderRequestHeader OrderRequestHeader@orderDate is missing.",
            "cxml.document.required /cXML/Request/OrderRequest/OrderRequestHeader/Total/Money Money@currency is missing.",
            "cxml.document.required /cXML/Request/OrderRequest/ItemOut ItemOut@quantity is missing.",
        ], missing);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == CxmlCodes.TimestampUnreadable);
    }

    [Fact]
    public void Read_ReportsOnlyTheBreak_WhenTheDocumentIsMalformedAfterAnAbsentAttribute()
    {
        var result = CxmlReader.Read(Encoding.UTF8.GetBytes("<cXML><Header><From><Credential></From></cXML>"));

        Assert.Equal(CxmlCodes.Malformed, Assert.Single(result.Diagnostics).Code);
        Assert.Null(result.Document);
    }

    [Fact]
    public void Read_KeepsEmptyRequiredAttributesLoose_WhenTheHubDoesNotNeedThem()
    {
        var result = CxmlReader.Read(Encoding.UTF8.GetBytes(
            "<cXML payloadID=\"1@x\" timestamp=\"2026-01-01T00:00:00+00:00\"><Response><Status code=\"200\" text=\"\"/></Response></cXML>"));

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }

    private static XDocument Load(byte[] bytes)
    {
        using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
        return XDocument.Load(reader, LoadOptions.SetLineInfo);
    }

    private static byte[] Bytes(XDocument document)
    {
        document.DocumentType?.Remove();
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
            document.Save(writer);
        return buffer.ToArray();
    }

    private static string NameOf(XElement element) => element.Name.NamespaceName == XNamespace.Xml.NamespaceName
        ? "xml:" + element.Name.LocalName : element.Name.LocalName;

    // The attribute by its name as written: xml:lang is in the xml namespace.
    private static XAttribute? Find(XElement element, string name) => name.StartsWith("xml:", StringComparison.Ordinal)
        ? element.Attribute(XNamespace.Xml + name[4..]) : element.Attribute(name);

    // The reader's path convention: 1-based index among same-named siblings, written only when above 1.
    private static string PathOf(XElement element)
    {
        var steps = new Stack<string>();
        for (var current = element; current is not null; current = current.Parent)
        {
            var index = current.Parent is null ? 1 : current.ElementsBeforeSelf(current.Name).Count() + 1;
            steps.Push(index > 1 ? $"{current.Name.LocalName}[{index}]" : current.Name.LocalName);
        }
        return "/" + string.Join('/', steps);
    }
}
