using System.Text;
using IntegrationHub.Formats.X12;
using IntegrationHub.Support;

namespace IntegrationHub.Engine.Tests.Formats.X12;

/// <summary>
/// Reading ahead on a second thread (<see cref="X12Reader.ReadAhead"/>) must give exactly what reading on the caller's
/// thread gives, in the same order, across many batches and with segments reused; it must stop when the caller stops and
/// hand the input's failure to the caller.
/// </summary>
public sealed class X12ReadAheadTests
{
    private const string Orders =
        "GS*PO*BUYER*SUPPLIER*20240101*1200*{n}*X*004010~" +
        "ST*850*0001~BEG*00*SA*PO1**20240101~PO1*1*2*EA*9.99**VP*A~PO1*2*X*EA*9.99**VP*B~CTT*2~SE*6*0001~" +
        // Out of order, an unknown segment, an element too long and no trailer before the next ST.
        "ST*850*0002~PO1*1*2*EA*9.99**VP*A~BEG*00*SA*PO2**20240101~ZZZ*1~PO1*2*1*EAEAEA*1~" +
        "ST*856*0003~BSN*00*ASN1*20240101*1200*0001~HL*1**S~HL*2*1*O~HL*3*9*P~HL*2*1*I~LIN*1*VP*A*UP*0123~SN1*1*1*EA~CTT*4~SE*10*0003~" +
        "GE*3*{n}~";

    private static string Group(int number) => Orders.Replace("{n}", number.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>An interchange of <paramref name="groups"/> groups of three sets: many batches of <see cref="X12Reader.BatchUnits"/> units.</summary>
    private static string Many(int groups)
    {
        var text = new StringBuilder(X12Samples.Isa4010);
        for (var group = 1; group <= groups; group++) text.Append(Group(group));
        return text.Append($"IEA*{groups}*000000001~").ToString();
    }

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string> { "sample:1", "sample:" + (X12Reader.BatchUnits / 4 + 1), "sample:400" };
        foreach (var file in X12CorpusTests.Files()) data.Add("corpus:" + file.Data);
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ReadAhead_GivesWhatReadGives(string input)
    {
        var bytes = BytesOf(input);

        Assert.Equal(Units(bytes, readAhead: false), Units(bytes, readAhead: true));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Validate_ReportsAndAcknowledgesTheSame_WhenReadingAhead(string input)
    {
        var bytes = BytesOf(input);

        Assert.Equal(Validate(bytes, readAhead: false), Validate(bytes, readAhead: true));
    }

    [Fact]
    public void ReadAhead_StopsReading_WhenTheCallerStopsEarly()
    {
        var input = new EndlessInput(X12Samples.Bytes(X12Samples.Isa4010), X12Samples.Bytes(Group(1)));
        var seen = 0;

        foreach (var unit in new X12Reader(input) { ReuseSetSegments = true }.ReadAhead(batchesAhead: 1))
        {
            if (++seen == 3) break;
        }
        input.Closed = true;

        Assert.Equal(3, seen);
        Assert.True(input.Reads > 0);
        Assert.False(input.ReadAfterClose, "the reading thread went on reading after the enumeration was disposed");
    }

    [Fact]
    public void ReadAhead_RethrowsTheInputsFailure()
    {
        var bytes = X12Samples.Bytes(Many(100));

        var thrown = Assert.Throws<IOException>(() => new X12Reader(new FailingInput(bytes, failAfter: bytes.Length / 2)).ReadAhead().Count());

        Assert.Equal(FailingInput.Message, thrown.Message);
    }

    /// <summary>Each unit as it is yielded (a set's segments are refilled once the next unit is asked for).</summary>
    private static List<string> Units(byte[] bytes, bool readAhead)
    {
        var reader = new X12Reader(new MemoryStream(bytes)) { ReuseSetSegments = true };
        var units = new List<string>();
        foreach (var unit in readAhead ? reader.ReadAhead(batchesAhead: 1) : reader.Read())
        {
            var findings = string.Join(";", unit.Findings.Select(f => $"{f.Code}@{f.Offset}:{f.Message}"));
            units.Add(unit switch
            {
                X12TransactionSet set => $"set {set.Path} [{findings}] " + string.Join("~", set.Segments.Select(segment => $"{segment.Offset}:{segment}")),
                X12Group group => $"group {group.ControlNumber} {group.ReceivedSetCount}/{group.DeclaredSetCount} [{findings}]",
                X12Interchange interchange => $"interchange {interchange.ControlNumber} {interchange.GroupCount} [{findings}]",
                _ => unit.GetType().Name,
            });
        }
        units.Add($"file [{string.Join(";", reader.FileFindings.Select(f => f.Code))}] {reader.InterchangeCount}");
        return units;
    }

    private static (string Report, string Ack) Validate(byte[] bytes, bool readAhead)
    {
        var ack = new MemoryStream();
        var report = X12Validation.Validate(new MemoryStream(bytes), ack,
            new X12ValidationOptions { Time = new FixedTime(DateTimeOffset.UnixEpoch), ReadAhead = readAhead });
        var summary = $"{report.Readable} {report.Interchanges} {report.Sets} {report.SetsAccepted} {report.EnvelopeErrors}\n"
            + string.Join("\n", report.Diagnostics.Select(d => d.ToString()));
        return (summary, Encoding.Latin1.GetString(ack.ToArray()));
    }

    internal static byte[] BytesOf(string input)
    {
        if (input.StartsWith("sample:", StringComparison.Ordinal)) return X12Samples.Bytes(Many(int.Parse(input["sample:".Length..], System.Globalization.CultureInfo.InvariantCulture)));
        var folder = RepositoryPaths.CorpusOrSkip("x12");
        return File.ReadAllBytes(Path.Combine(folder, input["corpus:".Length..]));
    }

    /// <summary>A header, then the same group over and over, never ending; notes a read made after the test closed it.</summary>
    private sealed class EndlessInput(byte[] header, byte[] repeated) : ReadOnlyInput
    {
        public volatile bool Closed;
        public volatile bool ReadAfterClose;
        public int Reads;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Closed) ReadAfterClose = true;
            Interlocked.Increment(ref Reads);
            for (var i = 0; i < count; i++, BytesRead++)
            {
                buffer[offset + i] = BytesRead < header.Length ? header[BytesRead] : repeated[(BytesRead - header.Length) % repeated.Length];
            }
            return count;
        }
    }

    /// <summary>Gives its bytes, then fails as a broken disk or connection would.</summary>
    private sealed class FailingInput(byte[] bytes, int failAfter) : NonSeekable(bytes)
    {
        public const string Message = "the connection was reset";

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (BytesRead >= failAfter) throw new IOException(Message);
            return base.Read(buffer, offset, (int)Math.Min(count, failAfter - BytesRead));
        }
    }

    /// <summary>Bytes from a stream whose length is not known in advance.</summary>
    private class NonSeekable(byte[] bytes) : ReadOnlyInput
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, bytes.Length - BytesRead);
            Array.Copy(bytes, BytesRead, buffer, offset, n);
            BytesRead += n;
            return n;
        }
    }
}
