using IntegrationHub.Documents;

namespace IntegrationHub.Formats.X12;

/// <summary>How to validate a file and acknowledge it.</summary>
public sealed record X12ValidationOptions
{
    /// <summary>Which acknowledgment to write for each group.</summary>
    public X12AckKind Ack { get; init; } = X12AckKind.Auto;

    /// <summary>How to read the input.</summary>
    public X12ReadOptions Read { get; init; } = X12ReadOptions.Default;

    /// <summary>The clock for the acknowledgment's ISA09/ISA10 and GS04/GS05.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>ISA13 of the first acknowledgment interchange; the following ones count up.</summary>
    public long InterchangeControlNumber { get; init; } = 1;

    /// <summary>GS06 of the first acknowledgment group; the following ones count up.</summary>
    public long GroupControlNumber { get; init; } = 1;

    /// <summary>Write a line break after each segment of the acknowledgment.</summary>
    public bool NewLineAfterSegment { get; init; } = true;

    /// <summary>When the acknowledgment interchange carries a TA1.</summary>
    public X12Ta1Policy Ta1 { get; init; } = X12Ta1Policy.Requested;

    /// <summary>Groups (by <see cref="X12GroupHeader.Ordinal"/>) the caller found were received before and that are rejected as duplicates.</summary>
    public IReadOnlySet<int> DuplicateGroups { get; init; } = new HashSet<int>();

    /// <summary>Sets (by <see cref="X12SetHeader.Ordinal"/>) the caller found were received before and that are rejected as duplicates.</summary>
    public IReadOnlySet<int> DuplicateSets { get; init; } = new HashSet<int>();

    /// <summary>At most this many diagnostics are kept in the report (all are still counted and acknowledged).</summary>
    public int MaxDiagnostics { get; init; } = 10_000;

    /// <summary>
    /// Read the input on a second thread while the sets already read are validated: the same report and acknowledgments.
    /// Off by default: measured on a 2-core machine it cut the wall-clock time of a large file by up to a third when the
    /// other core was idle, but it costs 35–80 % more CPU time in all, and with the other core busy it was slower than
    /// reading on one thread (docs/benchmarks.md, 2026-12-03). For one large file on an otherwise idle machine.
    /// </summary>
    public bool ReadAhead { get; init; }
}

/// <summary>What validating a file found.</summary>
/// <param name="Readable">False when the input held no readable interchange at all.</param>
/// <param name="Interchanges">Interchanges read.</param>
/// <param name="Sets">Transaction sets read.</param>
/// <param name="SetsAccepted">Sets acknowledged as accepted.</param>
/// <param name="EnvelopeErrors">Errors in interchange or group envelopes.</param>
/// <param name="Diagnostics">The problems found, in input order, up to the configured bound.</param>
public sealed record X12ValidationReport(bool Readable, int Interchanges, int Sets, int SetsAccepted, int EnvelopeErrors, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Every set accepted and no envelope error.</summary>
    public bool AllAccepted => Readable && SetsAccepted == Sets && EnvelopeErrors == 0;
}

/// <summary>Validates X12 input as a stream and writes the acknowledgments (TA1, 997 or 999) it deserves.</summary>
public static class X12Validation
{
    /// <summary>How many batches of units the reading thread may be ahead of validation: enough to ride out uneven sets, little memory.</summary>
    private const int BatchesAhead = 4;

    /// <summary>Reads <paramref name="input"/> one set at a time, validates it and writes acknowledgments to <paramref name="ackOutput"/> when given.</summary>
    public static X12ValidationReport Validate(Stream input, Stream? ackOutput, X12ValidationOptions? options = null)
    {
        options ??= new X12ValidationOptions();
        // Each set is validated and acknowledged before the next is read, and nothing of it is kept: its segments can be reused.
        var reader = new X12Reader(input, options.Read) { ReuseSetSegments = true };
        var validator = new X12SetValidator(X12SpecLibrary.Embedded);
        var acks = new X12AckBuilder(options.Ack, new X12AckEnvelope(options.InterchangeControlNumber, options.GroupControlNumber, options.Time.GetUtcNow()),
            options.Ta1);
        var diagnostics = new List<Diagnostic>();
        int sets = 0, accepted = 0, envelopeErrors = 0, groupOrdinal = 0;
        var groupIsDuplicate = options.DuplicateGroups.Contains(0);

        void Keep(IEnumerable<X12Finding> findings)
        {
            foreach (var finding in findings)
            {
                if (diagnostics.Count < options.MaxDiagnostics) diagnostics.Add(finding.ToDiagnostic());
            }
        }

        foreach (var unit in options.ReadAhead ? reader.ReadAhead(BatchesAhead) : reader.Read())
        {
            switch (unit)
            {
                case X12TransactionSet set:
                    var result = validator.Validate(set, buildTree: false);
                    if (set.Group is not null && (groupIsDuplicate || options.DuplicateSets.Contains(sets)))
                        result = result with { Findings = [.. result.Findings, X12Duplicates.SetFinding(set, groupIsDuplicate)] };
                    sets++;
                    if (result.Accepted) accepted++;
                    Keep(result.Findings);
                    if (ackOutput is not null) acks.Add(result);
                    break;
                case X12Group group:
                    if (groupIsDuplicate) group.Findings.Add(X12Duplicates.GroupFinding(group));
                    groupIsDuplicate = options.DuplicateGroups.Contains(++groupOrdinal);
                    envelopeErrors += group.Findings.Count(finding => finding.IsError);
                    Keep(group.Findings);
                    if (ackOutput is not null) acks.Add(group);
                    break;
                case X12Interchange interchange:
                    validator.CheckTa1(interchange);
                    envelopeErrors += interchange.Findings.Count(finding => finding.IsError);
                    Keep(interchange.Findings);
                    var ack = acks.Add(interchange);
                    if (ack is not null && ackOutput is not null)
                    {
                        var delimiters = string.CompareOrdinal(interchange.Version, "00501") >= 0 ? X12Delimiters.Version5010 : X12Delimiters.Retail;
                        var problems = new X12Writer(ackOutput, new X12WriteSettings(delimiters, options.NewLineAfterSegment)).Write(ack);
                        diagnostics.AddRange(problems);
                    }
                    break;
            }
        }

        Keep(reader.FileFindings);
        envelopeErrors += reader.FileFindings.Count(finding => finding.IsError && finding.Code != "x12.interchange.missing");
        return new X12ValidationReport(reader.InterchangeCount > 0, reader.InterchangeCount, sets, accepted, envelopeErrors, diagnostics);
    }
}
