using System.Text;
using IntegrationHub.Documents;
using IntegrationHub.Formats.X12;

namespace IntegrationHub.Engine.Tests.Formats.X12;

/// <summary>The tree maps read: loops and segments as nodes, each segment's elements as leaves over its bytes.</summary>
public sealed class X12DocumentTreeTests
{
    private static DocumentNode Set(string body, X12ReadOptions? options = null, string isa = X12Samples.Isa4010, string version = "004010")
    {
        var text = isa + "\nGS*PO*BUYER*SUPPLIER*20240101*1200*1*X*" + version + "~\nST*850*0001~\n" + body + "SE*9*0001~\nGE*1*1~\nIEA*1*000000001~\n";
        return Read(X12Samples.Bytes(text), options);
    }

    private static DocumentNode Read(byte[] input, X12ReadOptions? options = null)
    {
        var sets = X12DocumentTree.Read(new MemoryStream(input), out _, options);
        return Assert.Single(sets).Tree;
    }

    private static string? Value(DocumentNode tree, string path) => DocumentPath.Parse(path).Value(tree);

    [Fact]
    public void Elements_AreNamedBySegmentAndNumber_InOrder_WithTheSegmentAsParent()
    {
        var tree = Set("BEG*00*SA*PO-1**20240101~\n");
        var beg = tree.Child("BEG")!;

        Assert.Equal(["BEG01", "BEG02", "BEG03", "BEG04", "BEG05"], beg.Children.Select(c => c.Name));
        Assert.Equal(["00", "SA", "PO-1", "", "20240101"], beg.Children.Select(c => c.Value));
        Assert.All(beg.Children, element => Assert.Same(beg, element.Parent));
        Assert.Equal("/850/BEG/BEG03", beg.Child("BEG03")!.Path);
    }

    [Fact]
    public void AnElement_IsOneNode_HoweverItIsReached()
    {
        var tree = Set("BEG*00*SA*PO-1**20240101~\n");
        var path = DocumentPath.Parse("BEG/BEG03");

        var first = path.First(tree);

        Assert.Same(first, tree.Child("BEG")!.Child("BEG03"));
        Assert.Same(first, tree.Child("BEG")!.Children[2]);
        Assert.Same(first, path.Select(tree).Single());
    }

    [Fact]
    public void AnElementOffset_PointsAtItsFirstByte()
    {
        var tree = Set("BEG*00*SA*PO-1**20240101~\n");
        var input = X12Samples.Isa4010 + "\nGS*PO*BUYER*SUPPLIER*20240101*1200*1*X*004010~\nST*850*0001~\n";

        var element = tree.Child("BEG")!.Child("BEG03")!;

        Assert.Equal(input.Length + "BEG*00*SA*".Length, element.Position.Offset);
    }

    [Theory]
    [InlineData("BEG")]
    [InlineData("BEG3")]
    [InlineData("BEG003")]
    [InlineData("BEG06")]
    [InlineData("BEG00")]
    [InlineData("BEG-1")]
    [InlineData("PO103")]
    [InlineData("BEG03x")]
    [InlineData("BEG99999999999")]
    public void ANameThatIsNotAnElementOfTheSegment_FindsNothing(string name)
    {
        var tree = Set("BEG*00*SA*PO-1**20240101~\n");

        Assert.Null(tree.Child("BEG")!.Child(name));
        Assert.Null(Value(tree, $"BEG/{name}"));
        Assert.Empty(DocumentPath.Parse($"BEG/{name}").Select(tree));
    }

    [Fact]
    public void AnEmptyElement_IsThere_ButHasNoValueForPaths()
    {
        var tree = Set("BEG*00*SA*PO-1**20240101~\n");

        Assert.Equal("", tree.Child("BEG")!.Child("BEG04")!.Value);
        Assert.Null(Value(tree, "BEG/BEG04"));
        Assert.Null(DocumentPath.Parse("BEG[BEG04]/BEG03").Value(tree));
        Assert.Equal("PO-1", Value(tree, "BEG[BEG04='']/BEG03"));
        Assert.Equal("PO-1", Value(tree, "BEG[!BEG04]/BEG03"));
    }

    [Fact]
    public void AShortSegment_HasOnlyTheElementsItCarries()
    {
        var tree = Set("BEG*00*SA*PO-1**20240101~\nREF*DP~\nN3~\n");

        Assert.Equal(["REF01"], tree.Child("REF")!.Children.Select(c => c.Name));
        Assert.Null(Value(tree, "REF/REF02"));
        // An N3 outside its N1 loop is out of place: the validator leaves it where it can, at the set or in a loop.
        var empty = tree.Children.Concat(tree.Children.SelectMany(c => c.Children)).First(c => c.Name == "N3");
        Assert.Empty(empty.Children);
        Assert.Null(empty.Child("N301"));
    }

    [Fact]
    public void TrailingSeparators_GiveEmptyElements()
    {
        var tree = Set("BEG*00*SA*PO-1**20240101***~\n");

        Assert.Equal(8, tree.Child("BEG")!.Children.Count);
        Assert.Equal("", tree.Child("BEG")!.Child("BEG08")!.Value);
        Assert.Null(Value(tree, "BEG/BEG08"));
    }

    [Fact]
    public void Filters_CompareElementValuesExactly()
    {
        var tree = Set("BEG*00*SA*PO-1**20240101~\nREF*DP*038~\nREF*IA*77~\nREF*DPX*99~\n");

        Assert.Equal("038", Value(tree, "REF[REF01='DP']/REF02"));
        Assert.Equal("77", Value(tree, "REF[REF01='IA']/REF02"));
        Assert.Equal("99", Value(tree, "REF[REF01='DPX']/REF02"));
        Assert.Null(Value(tree, "REF[REF01='D']/REF02"));
        Assert.Equal("77", Value(tree, "REF[REF01!='DP']/REF02"));
    }

    [Fact]
    public void Components_AreChildrenOfTheirElement_BesidesItsWholeText()
    {
        var tree = Set("BEG*00*SA*PO-1**20240101~\nPO1*1*2*EA*9.5**VP*ABC>DEF>~\n");

        var po107 = DocumentPath.Parse("PO1Loop/PO1/PO107").First(tree)!;

        Assert.Equal("ABC>DEF>", po107.Value);
        Assert.Equal(["PO107-01", "PO107-02", "PO107-03"], po107.Children.Select(c => c.Name));
        Assert.Equal(["ABC", "DEF", ""], po107.Children.Select(c => c.Value));
        Assert.Equal("DEF", Value(tree, "PO1Loop/PO1/PO107/PO107-02"));
        Assert.Equal("ABC>DEF>", Value(tree, "PO1Loop/PO1[PO107/PO107-01='ABC']/PO107"));
        Assert.Empty(DocumentPath.Parse("PO1Loop/PO1/PO106").First(tree)!.Children);
    }

    [Fact]
    public void TheRepetitionSeparator_IsReadAsData()
    {
        var tree = Set("BEG*00*SA*PO-1**20240101~\nN1*ST*A^B*92*0001~\n", isa: X12Samples.Isa5010, version: "005010");

        Assert.Equal("A^B", Value(tree, "N1Loop/N1/N102"));
        Assert.Equal("0001", Value(tree, "N1Loop/N1[N102='A^B']/N104"));
    }

    [Fact]
    public void NonAsciiValues_AreDecodedAndCompared_InTheReadersEncoding()
    {
        var latin1 = Set("BEG*00*SA*PO-1**20240101~\nN1*ST*MÜNCHEN*92*0001~\n");
        var utf8Text = X12Samples.Isa4010 + "\nGS*PO*BUYER*SUPPLIER*20240101*1200*1*X*004010~\nST*850*0001~\nBEG*00*SA*PO-1**20240101~\nN1*ST*MÜNCHEN*92*0001~\nSE*4*0001~\nGE*1*1~\nIEA*1*000000001~\n";
        var utf8 = Read(Encoding.UTF8.GetBytes(utf8Text), X12ReadOptions.Default with { Encoding = Encoding.UTF8 });

        foreach (var tree in new[] { latin1, utf8 })
        {
            Assert.Equal("MÜNCHEN", Value(tree, "N1Loop/N1/N102"));
            Assert.Equal("0001", Value(tree, "N1Loop/N1[N102='MÜNCHEN']/N104"));
            Assert.Null(Value(tree, "N1Loop/N1[N102='MUNCHEN']/N104"));
        }
    }

    [Fact]
    public void Filters_CompareWhatTheBytesReadAs_WhereABytePastAsciiReadsAsAnAsciiCharacter()
    {
        // US-ASCII reads a byte past 127 as '?': the comparison on bytes must give way to the decoded text there.
        var ascii = X12ReadOptions.Default with { Encoding = Encoding.ASCII };
        var tree = Set("BEG*00*SA*PO-1**20240101~\nN1*ST*MÜNCHEN*92*0001~\nN1*BT*MUNCHEN*92*0002~\n", ascii);

        Assert.Equal("M?NCHEN", Value(tree, "N1Loop/N1/N102"));
        Assert.Equal("0001", Value(tree, "N1Loop/N1[N102='M?NCHEN']/N104"));
        Assert.Equal("0002", Value(tree, "N1Loop/N1[N102='MUNCHEN']/N104"));
        Assert.Null(Value(tree, "N1Loop/N1[N102='MÜNCHEN']/N104"));
        Assert.Null(Value(tree, "N1Loop/N1[N102='X?NCHEN']/N104"));
        // Latin-1: a first difference before the byte past ASCII, at it and after it.
        var latin1 = Set("BEG*00*SA*PO-1**20240101~\nN1*ST*MÜNCHEN*92*0001~\n");
        Assert.Null(Value(latin1, "N1Loop/N1[N102='XÜNCHEN']/N104"));
        Assert.Null(Value(latin1, "N1Loop/N1[N102='MANCHEN']/N104"));
        Assert.Null(Value(latin1, "N1Loop/N1[N102='MÜNCHEX']/N104"));
        Assert.Null(Value(latin1, "N1Loop/N1[N102='M?NCHEN']/N104"));
        Assert.Equal("0001", Value(latin1, "N1Loop/N1[N102='MÜNCHEN']/N104"));
    }

    [Fact]
    public void ShortAsciiValues_AreOneStringPerText_AndShortNonAsciiOnesDecodedInTheReadersEncoding()
    {
        var tree = Set("BEG*00*SA*PO-1**20240101~\nPO1*1*2*EA*9.5~\nPO1*2*3*EA*1.25*Ü~\n");
        var lines = tree.Children.Where(c => c.Name == "PO1Loop").Select(l => l.Child("PO1")!).ToList();

        var units = lines.Select(l => DocumentPath.Parse("PO103").Value(l)).ToList();
        Assert.Equal(["EA", "EA"], units);
        Assert.Same(units[0], units[1]); // one string for the text, not one per element read
        Assert.Equal(["1", "2"], lines.Select(l => DocumentPath.Parse("PO101").Value(l)));
        Assert.Equal("1.25", DocumentPath.Parse("PO104").Value(lines[1])); // longer texts as before
        Assert.Equal("Ü", DocumentPath.Parse("PO105").Value(lines[1])); // not ASCII: not from the shared texts
    }

    [Fact]
    public void WrappedInput_ReadWithUnwrapLines_GivesTheSameValues()
    {
        var flat = X12Samples.Po4010.Replace("\n", "", StringComparison.Ordinal);
        var wrapped = string.Join("\r\n", flat.Chunk(80).Select(chunk => new string(chunk)));

        var tree = Read(X12Samples.Bytes(wrapped), X12ReadOptions.Default with { UnwrapLines = true });

        Assert.Equal("PO-1", Value(tree, "BEG/BEG03"));
        Assert.Equal("ABC", Value(tree, "PO1Loop/PO1[PO106='VP']/PO107"));
        Assert.Equal("9.5", Value(tree, "PO1Loop/PO1/PO104"));
    }

    [Fact]
    public void AValueReadAgain_IsTheSameText()
    {
        var tree = Set("BEG*00*SA*PO-1**20240101~\n");
        var path = DocumentPath.Parse("BEG/BEG03");

        var first = path.Value(tree);
        var second = path.Value(tree);
        var third = path.Value(tree);

        Assert.Equal("PO-1", first);
        Assert.Same(second, third);
        Assert.Same(third, tree.Child("BEG")!.Child("BEG03")!.Value);
    }

    [Fact]
    public void AChildAddedToASegment_ComesAfterItsElements()
    {
        var tree = Set("BEG*00*SA*PO-1**20240101~\n");
        var beg = tree.Child("BEG")!;
        var before = beg.Child("BEG03");

        beg.Add("Note", "added");

        Assert.Equal(["BEG01", "BEG02", "BEG03", "BEG04", "BEG05", "Note"], beg.Children.Select(c => c.Name));
        Assert.Same(before, beg.Child("BEG03"));
        Assert.Equal("added", Value(tree, "BEG/Note"));
    }

    [Fact]
    public void LargeSegmentsAndManySegments_KeepTheirOwnElements()
    {
        // Kept segments share blocks of bytes and starts; one too large for a block gets arrays of its own.
        var longText = new string('X', 20_000);
        var manyElements = string.Join('*', Enumerable.Range(1, 3_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var lines = string.Concat(Enumerable.Range(1, 2_000).Select(i => $"MSG*LINE {i}~\n"));
        var tree = Set($"BEG*00*SA*PO-1**20240101~\nMSG*{longText}~\n{lines}REF*ZZ*{manyElements}~\nMSG*LAST~\n");

        var messages = tree.Children.Where(c => c.Name == "MSG").Select(c => c.Child("MSG01")!.Value).ToList();
        Assert.Equal(2_002, messages.Count);
        Assert.Equal(longText, messages[0]);
        Assert.Equal("LINE 1", messages[1]);
        Assert.Equal("LINE 2000", messages[2_000]);
        Assert.Equal("LAST", messages[^1]);
        var refSegment = tree.Child("REF")!;
        Assert.Equal(3_001, refSegment.Children.Count);
        Assert.Equal("3000", refSegment.Children[^1].Value);
        Assert.Equal("PO-1", Value(tree, "BEG/BEG03"));
    }

    [Fact]
    public void LeavesMadeFromSeveralThreads_AreOneNodeEach()
    {
        var tree = Set("BEG*00*SA*PO-1**20240101~\n");
        var beg = tree.Child("BEG")!;

        var made = new DocumentNode[8][];
        Parallel.For(0, made.Length, i => made[i] = [.. beg.Children]);

        Assert.All(made, nodes => Assert.Equal(made[0], nodes));
    }
}
