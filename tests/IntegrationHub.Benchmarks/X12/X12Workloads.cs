using IntegrationHub.Formats.X12;

namespace IntegrationHub.Benchmarks.X12;

/// <summary>The three measured workloads, shared by the BenchmarkDotNet suite and the whole-process tool.</summary>
internal static class X12Workloads
{
    /// <summary>Visits every element of every segment; returns the segment and element counts.</summary>
    public static (long Segments, long Elements) Tokenize(Stream input)
    {
        var tokenizer = new X12Tokenizer(input);
        long segments = 0, elements = 0;
        while (tokenizer.TryRead(out var token))
        {
            segments++;
            var data = token.Data;
            var separator = token.Delimiters.Element;
            while (true)
            {
                elements++;
                var next = data.IndexOf(separator);
                if (next < 0) break;
                data = data[(next + 1)..];
            }
        }
        return (segments, elements);
    }

    /// <summary>Reads a file into the writer's model (one interchange, one group, its sets).</summary>
    public static (X12OutInterchange Interchange, X12Delimiters Delimiters) ModelOf(string path)
    {
        using var input = File.OpenRead(path);
        var sets = new List<X12OutSet>();
        X12TransactionSet? first = null;
        foreach (var set in new X12Reader(input).Read().OfType<X12TransactionSet>())
        {
            first ??= set;
            sets.Add(new X12OutSet(set.SetId, set.ControlNumber, set.Segments.Skip(1).SkipLast(1).Select(X12OutSegment.From).ToList()));
        }
        var isa = first!.Interchange;
        var group = first.Group!;
        var interchange = new X12OutInterchange(isa.SenderQualifier, isa.Sender, isa.ReceiverQualifier, isa.Receiver, isa.Date, isa.Time, isa.Version,
            long.Parse(isa.ControlNumber), false, isa.Usage, [],
            [new X12OutGroup(group.FunctionalId, group.Gs[2], group.Gs[3], group.Gs[4], group.Gs[5], group.ControlNumber, group.Version, sets)]);
        return (interchange, isa.Delimiters);
    }

    public static void Write(X12OutInterchange interchange, Stream output)
    {
        var problems = new X12Writer(output, new X12WriteSettings(X12Delimiters.Retail, NewLineAfterSegment: true)).Write(interchange);
        if (problems.Count > 0) throw new InvalidOperationException($"The benchmark model could not be written: {problems[0]}");
    }
}
