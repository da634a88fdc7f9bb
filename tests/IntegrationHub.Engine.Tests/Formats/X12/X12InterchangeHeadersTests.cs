using System.Text;
using IntegrationHub.Formats.X12;

namespace IntegrationHub.Engine.Tests.Formats.X12;

public sealed class X12InterchangeHeadersTests
{
    private const string Interchange = """
        ISA*00*          *00*          *ZZ*SENDER01       *ZZ*RECEIVER       *261126*0930*U*00401*000000777*0*T*>~
        GS*PO*SENDER01*RECEIVER*20261126*0930*5*X*004010~
        ST*850*0001~
        BEG*00*SA*PO-1**20261126~
        SE*3*0001~
        ST*860*0002~
        BCH*01*SA*PO-1***20261126~
        SE*3*0002~
        GE*2*5~
        GS*PO*SENDER01*RECEIVER*20261126*0930*6*X*004010~
        ST*850*0003~
        BEG*00*SA*PO-2**20261126~
        SE*3*0003~
        GE*1*6~
        IEA*2*000000777~
        """;

    [Fact]
    public void Read_GivesSenderControlNumberGroupsAndSets_WhenFileHoldsAnInterchange()
    {
        var second = Interchange.Replace("000000777", "000000778", StringComparison.Ordinal).Replace("SENDER01       ", "OTHER          ", StringComparison.Ordinal);
        using var input = new MemoryStream(Encoding.ASCII.GetBytes(Interchange + second));

        var headers = X12InterchangeHeaders.Read(input);

        Assert.Equal(2, headers.Count);
        Assert.Equal(("ZZ", "SENDER01", "000000777", "T", 2), (headers[0].SenderQualifier, headers[0].Sender, headers[0].ControlNumber, headers[0].Usage, headers[0].Groups));
        Assert.Equal(["850", "860"], headers[0].SetIds);
        Assert.Equal(("OTHER", "000000778"), (headers[1].Sender, headers[1].ControlNumber));
    }

    [Fact]
    public void Read_GivesNothing_WhenInputHoldsNoInterchange()
    {
        using var input = new MemoryStream("not x12 at all"u8.ToArray());

        Assert.Empty(X12InterchangeHeaders.Read(input));
    }

    [Fact]
    public void FirstAddress_GivesTheFirstInterchangesIsaValues_WhenOnlyTheFilesBeginningIsAtHand()
    {
        var second = Interchange.Replace("000000777", "000000778", StringComparison.Ordinal).Replace("RECEIVER       ", "OTHER          ", StringComparison.Ordinal);
        var whole = Encoding.ASCII.GetBytes(Interchange + second);
        var cut = Interchange.IndexOf("BEG*00*SA*PO-1", StringComparison.Ordinal) + 5; // inside the first set

        var fromWhole = X12InterchangeHeaders.FirstAddress(new MemoryStream(whole));
        var fromBeginning = X12InterchangeHeaders.FirstAddress(new MemoryStream(whole[..cut]));

        Assert.Equal(new X12InterchangeAddress("ZZ", "SENDER01", "ZZ", "RECEIVER", "000000777", "T"), fromWhole);
        Assert.Equal(fromWhole, fromBeginning);
    }

    [Fact]
    public void FirstAddress_GivesNull_WhenInputHoldsNoInterchange()
    {
        Assert.Null(X12InterchangeHeaders.FirstAddress(new MemoryStream("not x12 at all"u8.ToArray())));
    }
}
