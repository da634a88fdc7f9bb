using IntegrationHub.Formats.X12;

namespace IntegrationHub.Engine.Tests.Formats.X12;

public sealed class X12AckReaderTests
{
    [Fact]
    public void Read_MatchesTheAckToWhatWasSent_WhenOurOwn997IsReadBack()
    {
        var input = File.OpenRead(Path.Combine(IntegrationHub.Support.RepositoryPaths.Root, "tests", "IntegrationHub.Engine.Tests", "Formats", "X12", "Samples", "850-4010-errors.edi"));
        var ack = new MemoryStream();
        X12Validation.Validate(input, ack, new X12ValidationOptions { Time = new FixedTime(DateTimeOffset.UnixEpoch) });
        ack.Position = 0;

        var set = new X12Reader(ack).Read().OfType<X12TransactionSet>().Single();
        var result = X12AckReader.Read(set)!;

        Assert.Equal(("PO", "8", "P", 3, 3, 1), (result.FunctionalId, result.GroupControlNumber, result.Code, result.SetsIncluded, result.SetsReceived, result.SetsAccepted));
        Assert.True(result.Find("850", "0001")!.Accepted);
        Assert.Equal(["5", "BEG@2:8", "DTM@3:8", "N1@4:8", "PO1@5:8"], result.Find("850", "0002")!.ErrorCodes);
        Assert.Null(result.Inconsistency());
    }

    [Fact]
    public void Read_ReadsTa1Segments_ToMatchByControlNumber()
    {
        var text = X12Samples.Isa4010 + "TA1*000000555*240101*1200*R*021~IEA*0*000000001~";
        var interchange = X12Samples.Units(text).OfType<X12Interchange>().Single();

        var ta1 = Assert.Single(X12AckReader.Read(interchange));

        Assert.Equal(("000000555", "R", "021", false), (ta1.ControlNumber, ta1.Code, ta1.Note, ta1.Accepted));
    }

    [Fact]
    public void Inconsistency_IsReported_WhenAk9SaysRejectedButASetWasAccepted()
    {
        var ack = new X12GroupAcknowledgment("997", "PO", "1", "R", 2, 2, 1,
            [new X12SetAcknowledgment("850", "1", "A", []), new X12SetAcknowledgment("850", "2", "R", ["5"])]);

        Assert.Contains("makes it P", ack.Inconsistency(), StringComparison.Ordinal);
    }
}
