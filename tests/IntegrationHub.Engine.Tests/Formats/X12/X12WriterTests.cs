using System.Text;
using IntegrationHub.Formats.X12;

namespace IntegrationHub.Engine.Tests.Formats.X12;

public sealed class X12WriterTests
{
    private static X12OutInterchange Interchange(params IReadOnlyList<X12OutSegment> body) =>
        new("ZZ", "SUPPLIER", "ZZ", "BUYER", "240101", "1200", "00401", 42, false, "P", [],
            [new X12OutGroup("PO", "SUPPLIER", "BUYER", "20240101", "1200", "7", "004010", [new X12OutSet("850", "0001", body)])]);

    private static (string Text, IReadOnlyList<IntegrationHub.Documents.Diagnostic> Problems) Write(X12OutInterchange interchange, X12WriteSettings settings)
    {
        var output = new MemoryStream();
        var problems = new X12Writer(output, settings).Write(interchange);
        return (Encoding.Latin1.GetString(output.ToArray()), problems);
    }

    [Fact]
    public void Write_PadsTheIsaAndComputesCounts()
    {
        var (text, problems) = Write(Interchange(X12OutSegment.Of("BEG", "00", "SA", "PO1", "", "20240101")), new X12WriteSettings(X12Delimiters.Retail));

        Assert.Empty(problems);
        Assert.Equal(106, text.IndexOf("GS*", StringComparison.Ordinal));
        Assert.EndsWith("ST*850*0001~BEG*00*SA*PO1**20240101~SE*3*0001~GE*1*7~IEA*1*000000042~", text);
    }

    [Fact]
    public void Write_TrimsTrailingEmptyElementsAndComponents()
    {
        var segment = new X12OutSegment("MEA", [["PD"], ["G"], ["3"], ["LB", "", ""], [""], [""]]);

        var (text, _) = Write(Interchange(segment), new X12WriteSettings(X12Delimiters.Retail));

        Assert.Contains("~MEA*PD*G*3*LB~", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RefusesAndWritesNothing_WhenDataHoldsADelimiter()
    {
        var (text, problems) = Write(Interchange(X12OutSegment.Of("REF", "DP", "A*B")), new X12WriteSettings(X12Delimiters.Retail));

        Assert.Equal("", text);
        var problem = Assert.Single(problems);
        Assert.Equal(("x12.write.delimiter-in-data", "ST*850*0001/REF/REF02"), (problem.Code, problem.Position.Path));
    }

    [Fact]
    public void Write_UsesThePartnersDelimitersAndRepetitionSeparator_From00402()
    {
        var delimiters = new X12Delimiters((byte)'|', (byte)'^', [(byte)'\''], (byte)'{');
        var interchange = Interchange(X12OutSegment.Of("BEG", "00", "SA", "PO1", "", "20240101")) with { Version = "00501" };

        var (text, _) = Write(interchange, new X12WriteSettings(delimiters, NewLineAfterSegment: true));

        Assert.StartsWith("ISA|00|", text, StringComparison.Ordinal);
        Assert.Contains("|{|00501|000000042|0|P|^'\nGS|", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAfterWrite_GivesTheSameSegments_ForEveryValidSample()
    {
        var folder = Path.Combine(IntegrationHub.Support.RepositoryPaths.Root, "tests", "IntegrationHub.Engine.Tests", "Formats", "X12", "Samples");
        foreach (var file in Directory.GetFiles(folder, "*.edi"))
        {
            var original = new X12Reader(File.OpenRead(file)).Read().ToList();
            var set = original.OfType<X12TransactionSet>().First();
            var isa = set.Interchange;
            var group = set.Group!;
            var body = set.Segments.Skip(1).SkipLast(1).Select(X12OutSegment.From).ToList();
            var interchange = new X12OutInterchange(isa.SenderQualifier, isa.Sender, isa.ReceiverQualifier, isa.Receiver, isa.Date, isa.Time, isa.Version,
                long.Parse(isa.ControlNumber), isa.AckRequested, isa.Usage, [],
                [new X12OutGroup(group.FunctionalId, group.Gs[2], group.Gs[3], group.Gs[4], group.Gs[5], group.ControlNumber, group.Version,
                    [new X12OutSet(set.SetId, set.ControlNumber, body, set.ConventionReference)])]);

            var (text, problems) = Write(interchange, new X12WriteSettings(isa.Delimiters, NewLineAfterSegment: true));
            var reread = X12Samples.Units(text).OfType<X12TransactionSet>().Single();

            Assert.Empty(problems);
            Assert.Equal(set.Segments.Select(segment => segment.ToString()), reread.Segments.Select(segment => segment.ToString()));
        }
    }

    [Theory]
    [InlineData("utf-8", "M\u00dcLLER", new byte[] { (byte)'M', 0xC3, 0x9C, (byte)'L', (byte)'L', (byte)'E', (byte)'R' })]
    [InlineData("iso-8859-1", "M\u00dcLLER", new byte[] { (byte)'M', 0xDC, (byte)'L', (byte)'L', (byte)'E', (byte)'R' })]
    // Beyond Latin-1 the encoder decides (.NET's Latin-1 writes U+0100 as its best fit, A), as it always did.
    [InlineData("iso-8859-1", "\u0100X", new byte[] { (byte)'A', (byte)'X' })]
    [InlineData("utf-16", "AB", new byte[] { (byte)'A', 0, (byte)'B', 0 })]
    public void Write_EncodesEachValueInThePartnersEncoding_WhetherOrNotItsCharactersAreBytesAlready(string encoding, string value, byte[] expected)
    {
        using var output = new MemoryStream();
        var settings = new X12WriteSettings(X12Delimiters.Retail) { Encoding = System.Text.Encoding.GetEncoding(encoding) };

        var problems = new X12Writer(output, settings).Write(Interchange(X12OutSegment.Of("REF", "DP", value)));

        Assert.Empty(problems);
        var bytes = output.ToArray();
        // Ids and values go through the encoding, delimiters are written as their bytes.
        byte[] marker = [.. settings.Encoding.GetBytes("REF"), (byte)'*', .. settings.Encoding.GetBytes("DP"), (byte)'*'];
        var at = bytes.AsSpan().IndexOf(marker) + marker.Length;
        Assert.Equal(expected, bytes.AsSpan(at, expected.Length).ToArray());
    }
}
