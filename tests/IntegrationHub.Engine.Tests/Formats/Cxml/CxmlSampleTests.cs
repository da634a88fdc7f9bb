using System.Text;
using IntegrationHub.Support;

namespace IntegrationHub.Formats.Cxml;

/// <summary>Golden tests over the hand-written samples: what is read, what is written, that it is DTD-valid and reads back the same.</summary>
public sealed class CxmlSampleTests
{
    public static TheoryData<string> Samples => CxmlSamples.Names();

    [Theory]
    [MemberData(nameof(Samples))]
    public void Read_MatchesGoldenDescription_WhenSampleIsRead(string name)
    {
        var result = CxmlReader.Read(CxmlSamples.Bytes(name));

        Assert.NotNull(result.Document);
        if (result.Document.Payload is not null) Assert.NotNull(result.Document.Model);
        Golden.AssertMatches(CxmlSamples.PathOf(name, ".expected.txt"), CxmlInspector.Describe(result));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Write_MatchesGoldenAndIsDtdValid_WhenSampleIsWritten(string name)
    {
        var document = CxmlReader.Read(CxmlSamples.Bytes(name)).Document!;

        var written = CxmlWriter.Write(document);

        Golden.AssertMatches(CxmlSamples.PathOf(name, ".written.xml"), Encoding.UTF8.GetString(written));
        Assert.Empty(CxmlDtdValidator.Validate(written));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Write_ReadsBackToTheSameDocument_WhenWrittenOutputIsReadAgain(string name)
    {
        var first = CxmlReader.Read(CxmlSamples.Bytes(name));
        var written = CxmlWriter.Write(first.Document!);

        var second = CxmlReader.Read(written);

        Assert.False(second.HasErrors, string.Join("\n", second.Diagnostics));
        Assert.Equal(Payload(first), Payload(second));
        Assert.Equal(first.Document!.Timestamp.Value, second.Document!.Timestamp.Value);
        Assert.Equal(written, CxmlWriter.Write(second.Document));
    }

    // The description without the lines a strict write normalises on purpose (DOCTYPE, timestamp form, diagnostics about them).
    private static string Payload(CxmlReadResult result) =>
        string.Join("\n", CxmlInspector.Describe(result).Split('\n')
            .TakeWhile(line => !line.StartsWith("diagnostics:", StringComparison.Ordinal))
            .Where(line => !line.StartsWith("doctype:", StringComparison.Ordinal) && !line.StartsWith("timestamp:", StringComparison.Ordinal)
                && !line.StartsWith("envelope:", StringComparison.Ordinal)));
}
