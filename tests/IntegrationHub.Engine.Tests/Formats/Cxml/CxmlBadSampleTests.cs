using IntegrationHub.Support;

namespace IntegrationHub.Formats.Cxml;

/// <summary>Negative golden cases (Samples/Bad/*.xml): the diagnostics and the cXML Status the hub would answer with.</summary>
public sealed class CxmlBadSampleTests
{
    private static readonly string Folder = Path.Combine(CxmlSamples.Folder, "Bad");

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.xml").Order(StringComparer.Ordinal)) cases.Add(Path.GetFileNameWithoutExtension(file));
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Read_MatchesGoldenDiagnosticsAndStatus_WhenSampleIsBroken(string name)
    {
        var result = CxmlReader.Read(File.ReadAllBytes(Path.Combine(Folder, name + ".xml")));

        Assert.True(result.HasErrors);
        var status = CxmlStatusTable.StatusFor(result.Diagnostics);
        var described = CxmlInspector.Describe(result) + $"answer: {status.Code} {status.Text}\n";
        Golden.AssertMatches(Path.Combine(Folder, name + ".expected-diagnostics.txt"), described);
        Assert.DoesNotContain("never-shown", described, StringComparison.Ordinal);
    }
}
