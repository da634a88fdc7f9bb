using IntegrationHub.Formats.X12;
using IntegrationHub.Support;

namespace IntegrationHub.Engine.Tests.Formats.X12;

/// <summary>
/// Every file of ../shared/corpus/x12 (see its SOURCES.md) reads without throwing; valid files ack as accepted and
/// broken ones get the diagnostics their defects deserve.
/// </summary>
public sealed class X12CorpusTests
{
    /// <summary>What each corpus file must give: sets read and accepted, and codes that must be among the diagnostics.</summary>
    private static readonly Dictionary<string, (int Sets, int Accepted, string[] Codes)> Expected = new(StringComparer.Ordinal)
    {
        // Clean files (some with envelope quirks that are read leniently and noted).
        ["810__edinet__1.edi"] = (1, 1, ["x12.isa.width"]),
        ["810__oopfactory__1.edi"] = (1, 1, []),
        ["810__stupidedi__2.edi"] = (1, 1, []),
        ["850__edifabric__1.edi"] = (1, 1, []),
        ["850__nodex12__1.edi"] = (1, 1, []),
        ["850__nodex12__2.edi"] = (2, 2, []),
        ["850__oopfactory__1.edi"] = (1, 1, []),
        ["850__oopfactory__2.edi"] = (1, 1, []),
        ["850__oopfactory__3.edi"] = (1, 1, ["x12.isa.width"]),
        ["850__oopfactory__4.edi"] = (1, 1, ["x12.isa.width"]),
        ["850__stedi__1.edi"] = (1, 1, []),
        ["850__stupidedi__1.edi"] = (1, 1, ["x12.isa.width"]),
        ["850__stupidedi__2.edi"] = (1, 1, ["x12.gs.functional-id-mismatch"]),
        ["855__nodex12__1.edi"] = (1, 1, []),
        ["855__oopfactory__1.edi"] = (2, 2, []),
        ["855__stedi__1.edi"] = (1, 1, []),
        ["855__stupidedi__1.edi"] = (1, 1, []),
        ["856__nodex12__1.edi"] = (1, 1, ["x12.element.repetition-separator-in-data"]),
        ["856__oopfactory__1.edi"] = (1, 1, []),
        ["856__oopfactory__3.edi"] = (1, 1, []),
        ["856__oopfactory__4.edi"] = (1, 1, []),
        ["856__ediengine__1.edi"] = (1, 1, []),
        ["997__staedi__1.edi"] = (3, 3, []),
        ["997__staedi__3.edi"] = (1, 1, []),
        ["997__stupidedi__1.edi"] = (1, 1, ["x12.isa.width"]),
        ["999__stupidedi__1.edi"] = (1, 1, []),

        // Broken on purpose (SOURCES.md) and what it deserves.
        ["850__edifabric__2.edi"] = (0, 0, ["x12.interchange.missing"]),
        ["850__edifabric__3.edi"] = (2, 2, ["x12.gs.control-number-duplicate"]),
        ["850__edinet__1.edi"] = (1, 1, ["x12.isa.width", "x12.iea.control-number-mismatch"]),
        ["850__edinet__2.edi"] = (2, 0, ["x12.isa.component-missing", "x12.se.count-mismatch"]),
        ["850__stupidedi__3.edi"] = (1, 0, ["x12.se.count-mismatch"]),
        ["855__stupidedi__2.edi"] = (1, 0, ["x12.isa.line-break", "x12.element.too-long"]),
        ["856__stupidedi__1.edi"] = (1, 0, ["x12.se.count-mismatch", "x12.element.invalid-character"]),
        ["860__oopfactory__1.edi"] = (1, 0, ["x12.isa.width", "x12.se.count-mismatch"]),
        ["860__stupidedi__1.edi"] = (1, 1, ["x12.isa.width"]),                     // unpadded 00200 ISA, read by counting
        ["940__ediengine__1.edi"] = (1, 0, ["x12.se.control-number-mismatch", "x12.ge.control-number-mismatch", "x12.iea.control-number-mismatch", "x12.set.unsupported"]),
        ["997__edifabric__1.edi"] = (1, 1, ["x12.ack.inconsistent", "x12.isa.standards-id-invalid"]),
        ["997__staedi__2.edi"] = (1, 0, ["x12.element.too-long", "x12.element.invalid-character"]),
        ["999__oopfactory__1.edi"] = (1, 0, ["x12.element.too-short"]),
        ["999__staedi__1.edi"] = (1, 0, ["x12.segment.out-of-order", "x12.se.count-mismatch", "x12.element.too-many"]),
        ["TA1__oopfactory__1.edi"] = (0, 0, ["x12.ta1.too-short", "x12.ta1.mandatory-missing"]),
        ["TA1__staedi__1.edi"] = (0, 0, ["x12.iea.count-mismatch"]),
        ["210__staedi__1.edi"] = (1, 0, ["x12.isa.line-break", "x12.se.control-number-mismatch"]),

        // Real files that break a rule of the base standard, so they are rejected with the code for it.
        ["810__oopfactory__2.edi"] = (2, 0, ["x12.segment.out-of-order"]),          // ISS before TDS in the summary
        ["810__oopfactory__3.edi"] = (1, 0, ["x12.segment.out-of-order"]),          // ISS before TDS
        ["810__staedi__1.edi"] = (3, 2, ["x12.element.conditional-missing"]),       // the 003010 850: N103 without N104 (P0304)
        ["810__stupidedi__1.edi"] = (1, 0, ["x12.element.conditional-missing"]),    // IT102 and IT104 without IT103 (P020304)
        ["850__ediengine__1.edi"] = (1, 0, ["x12.element.conditional-missing"]),    // PO106 without PO107 (P0607)
        ["855__stupidedi__3.edi"] = (1, 0, ["x12.element.conditional-missing"]),    // ACK02 without ACK03 (P0203)
        ["856__oopfactory__2.edi"] = (1, 0, ["x12.element.mandatory-missing"]),     // BSN02 empty
    };

    public static TheoryData<string> Files()
    {
        var folder = RepositoryPaths.Shared is { } shared ? Path.Combine(shared, "corpus", "x12") : null;
        var names = folder is not null && Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.edi").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()
            : ["(corpus absent)"];
        return new TheoryData<string>(names!);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Validate_GivesTheExpectedOutcome_ForEachCorpusFile(string file)
    {
        var folder = RepositoryPaths.CorpusOrSkip("x12");
        Assert.True(Expected.TryGetValue(file, out var expected), $"{file} is new in the corpus: add its expected outcome here.");

        using var stream = File.OpenRead(Path.Combine(folder, file));
        var report = X12Validation.Validate(stream, new MemoryStream(), new X12ValidationOptions { Time = new FixedTime(DateTimeOffset.UnixEpoch) });
        var codes = report.Diagnostics.Select(diagnostic => diagnostic.Code).ToHashSet(StringComparer.Ordinal);

        Assert.Equal((expected.Sets, expected.Accepted), (report.Sets, report.SetsAccepted));
        Assert.All(expected.Codes, code => Assert.Contains(code, codes));
    }

    [Fact]
    public void Validate_AcceptsTheWrappedFile_WhenUnwrappingIsOn()
    {
        var folder = RepositoryPaths.CorpusOrSkip("x12");
        using var stream = File.OpenRead(Path.Combine(folder, "210__staedi__1.edi"));

        var report = X12Validation.Validate(stream, null, new X12ValidationOptions { Read = new X12ReadOptions { UnwrapLines = true } });

        // 210 has no spec here, so the set is rejected as unsupported, but the envelope now reads cleanly.
        Assert.Equal(["x12.set.unsupported"], report.Diagnostics.Where(d => d.Severity == IntegrationHub.Documents.Severity.Error).Select(d => d.Code));
        Assert.Equal(0, report.EnvelopeErrors);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Tokenizer_ReadsTheSameSegments_WhenTheStreamReturnsOneByteAtATime(string file)
    {
        var folder = RepositoryPaths.CorpusOrSkip("x12");
        var bytes = File.ReadAllBytes(Path.Combine(folder, file));

        Assert.Equal(X12Samples.Segments(new MemoryStream(bytes)), X12Samples.Segments(new OneByteStream(bytes)));
    }
}
