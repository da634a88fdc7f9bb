using System.Text;
using IntegrationHub.Documents;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// The map path's read (<see cref="CxmlReader.ReadWithoutModel"/>) takes an OrderRequest's findings without building its
/// typed view: it must report exactly what the full read reports, in the same order, for every sample, every corpus file
/// and OrderRequests broken in each way the typed view can find.
/// </summary>
public sealed class CxmlReadWithoutModelTests
{
    [Theory]
    [MemberData(nameof(CxmlDocumentTreeTests.Inputs), MemberType = typeof(CxmlDocumentTreeTests))]
    public void ReadWithoutModel_ReportsWhatTheFullReadReports_ForEveryFile(string file)
    {
        AssertSameFindings(File.ReadAllBytes(file));
    }

    // Each an edit of the typical OrderRequest that the typed view reports (an ItemIn among the lines: nothing to report).
    // Edits are "find|replace" pairs, each at the first occurrence; "*" before a find replaces it everywhere.
    public static TheoryData<string, string> BrokenOrders() => new()
    {
        { "no ItemID on line 1", "<ItemID><SupplierPartID>SP-100</SupplierPartID><SupplierPartAuxiliaryID>cart-77/1</SupplierPartAuxiliaryID></ItemID>|" },
        { "quantity not a number", "quantity=\"3\"|quantity=\"three\"" },
        { "quantity negative", "quantity=\"4\"|quantity=\"-4\"" },
        { "quantity blank", "quantity=\"5\"|quantity=\" \"" },
        { "quantity absent", "<ItemOut quantity=\"2\" lineNumber=\"1\"|<ItemOut lineNumber=\"1\"" },
        { "orderID empty", "orderID=\"PO-2026-0042\"|orderID=\"\"" },
        { "orderID absent", "orderID=\"PO-2026-0042\" |" },
        { "orderDate blank", "orderDate=\"2026-11-26T10:14:00+01:00\"|orderDate=\"  \"" },
        { "type unknown", "type=\"new\"|type=\"change\"" },
        { "update without reference", "type=\"new\"|type=\"update\"" },
        { "no header", "*OrderRequestHeader|OrderRequestHeaderX" },
        { "no lines", "*ItemOut|ItemOutX" },
        { "no lines, deleted", "*ItemOut|ItemOutX|type=\"new\"|type=\"delete\"" },
        { "an ItemIn among the ItemOuts", "<ItemOut quantity=\"2\" lineNumber=\"1\"|<ItemIn quantity=\"2\" lineNumber=\"1\"|</ItemOut>|</ItemIn>" },
    };

    [Theory]
    [MemberData(nameof(BrokenOrders))]
    public void ReadWithoutModel_ReportsWhatTheFullReadReports_ForABrokenOrder(string what, string edits)
    {
        var text = Encoding.UTF8.GetString(CxmlSamples.Bytes("OrderRequest.typical"));
        var parts = edits.Split('|');
        for (var index = 0; index < parts.Length; index += 2)
        {
            var everywhere = parts[index].StartsWith('*');
            var find = everywhere ? parts[index][1..] : parts[index];
            var at = text.IndexOf(find, StringComparison.Ordinal);
            Assert.True(at >= 0, find);
            text = everywhere ? text.Replace(find, parts[index + 1], StringComparison.Ordinal) : text[..at] + parts[index + 1] + text[(at + find.Length)..];
        }

        var full = AssertSameFindings(Encoding.UTF8.GetBytes(text));

        Assert.NotNull(full.Document);
        Assert.Equal(what != "an ItemIn among the ItemOuts", full.Diagnostics.Any(d => d.Code is CxmlCodes.Required or CxmlCodes.InvalidValue));
    }

    [Fact]
    public void ReadWithoutModel_LeavesTheOrderRequestModelOut_AndTheTreeAsTheFullReadHasIt()
    {
        var bytes = CxmlSamples.Bytes("OrderRequest.typical");

        var full = CxmlReader.Read(bytes).Document!;
        var without = CxmlReader.ReadWithoutModel(bytes).Document!;

        Assert.IsType<CxmlOrderRequest>(full.Model);
        Assert.Null(without.Model);
        Assert.Equal(full.Root.Descendants().Count(), without.Root.Descendants().Count());
        Assert.Equal(full.DocumentType, without.DocumentType);
        Assert.Equal(full.Version, without.Version);
    }

    private static CxmlReadResult AssertSameFindings(byte[] bytes)
    {
        var full = CxmlReader.Read(bytes);
        var without = CxmlReader.ReadWithoutModel(bytes);
        Assert.Equal(full.Diagnostics.Select(Line), without.Diagnostics.Select(Line));
        Assert.Equal(full.Document is null, without.Document is null);
        return full;
    }

    private static string Line(Diagnostic d) => $"{d.Severity} {d.Code} {d.Position.Line}:{d.Position.Column} {d.Position.Path} {d.Message}";
}
