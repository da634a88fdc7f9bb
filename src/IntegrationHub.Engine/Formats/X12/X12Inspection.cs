namespace IntegrationHub.Formats.X12;

/// <summary>Writes a human-readable outline of X12 input: envelopes, each set's loop tree, the HL hierarchy and the diagnostics.</summary>
public static class X12Inspection
{
    /// <summary>Outlines <paramref name="input"/> on <paramref name="output"/>; returns false when no interchange could be read.</summary>
    public static bool Describe(Stream input, TextWriter output, X12ReadOptions? options = null)
    {
        var reader = new X12Reader(input, options);
        var validator = new X12SetValidator(X12SpecLibrary.Embedded);
        X12Interchange? openInterchange = null;
        X12Group? openGroup = null;

        foreach (var unit in reader.Read())
        {
            switch (unit)
            {
                case X12TransactionSet set:
                    if (set.Interchange != openInterchange)
                    {
                        openInterchange = set.Interchange;
                        WriteInterchange(set.Interchange, output);
                    }
                    if (set.Group is not null && set.Group != openGroup)
                    {
                        openGroup = set.Group;
                        output.WriteLine($"  Group {set.Group.FunctionalId} {set.Group.ControlNumber}, version {set.Group.Version}");
                    }
                    WriteSet(validator.Validate(set), output);
                    break;
                case X12Group group:
                    WriteFindings(group.Findings, "    ", output);
                    break;
                case X12Interchange interchange:
                    if (interchange != openInterchange) WriteInterchange(interchange, output);
                    foreach (var ta1 in X12AckReader.Read(interchange))
                        output.WriteLine($"  TA1 for interchange {ta1.ControlNumber}: {ta1.Code} (note {ta1.Note})");
                    WriteFindings(interchange.Findings, "  ", output);
                    openInterchange = null;
                    break;
            }
        }
        WriteFindings(reader.FileFindings, "", output);
        return reader.InterchangeCount > 0;
    }

    private static void WriteInterchange(X12Interchange interchange, TextWriter output)
    {
        var d = interchange.Delimiters;
        var terminator = string.Concat(d.Terminator.Select(b => b switch { (byte)'\r' => "\\r", (byte)'\n' => "\\n", _ => $"{(char)b}" }));
        output.WriteLine($"Interchange {interchange.ControlNumber}: {interchange.SenderQualifier}:{interchange.Sender} -> {interchange.ReceiverQualifier}:{interchange.Receiver}, " +
            $"version {interchange.Version}, usage {interchange.Usage}, delimiters element '{(char)d.Element}' component '{(d.Component == 0 ? "none" : (char)d.Component)}' " +
            $"terminator '{terminator}' repetition '{(d.Repetition == 0 ? "none" : (char)d.Repetition)}'");
    }

    private static void WriteSet(X12SetResult result, TextWriter output)
    {
        var set = result.Set;
        var name = result.Spec is null ? "no spec" : $"{result.Spec.Name}, spec {result.Spec.Version}";
        output.WriteLine($"    Set {set.SetId} {set.ControlNumber} ({name}): {(result.Accepted ? "accepted" : "rejected")}, {set.Segments.Count} segments");
        WriteLoop(result.Tree, result.Spec, "      ", output);
        if (result.Hierarchy.Count > 0)
        {
            output.WriteLine("      Hierarchy (HL01/HL02):");
            foreach (var node in result.Hierarchy) WriteHierarchy(node, "        ", output);
        }
        WriteFindings(result.Findings, "      ", output);
    }

    private static void WriteLoop(X12Loop loop, TransactionSetSpec? spec, string indent, TextWriter output)
    {
        foreach (var item in loop.Items)
        {
            if (item.Segment is { } segment)
            {
                var productFrom = spec?.Segment(segment.Id)?.ProductIdsFrom ?? 0;
                var ids = ProductIds.Of(segment, productFrom);
                var suffix = ids.Count > 0 ? "   [" + string.Join(", ", ids.Select(id => $"{id.Key}={id.Value}")) + "]" : "";
                output.WriteLine($"{indent}{segment}{suffix}");
            }
            else if (item.Loop is { } inner)
            {
                output.WriteLine($"{indent}Loop {inner.Id}");
                WriteLoop(inner, spec, indent + "  ", output);
            }
        }
    }

    private static void WriteHierarchy(X12HierarchyNode node, string indent, TextWriter output)
    {
        output.WriteLine($"{indent}HL {node.Id} level {node.Level}: {string.Join(" ", node.Loop.Segments.Skip(1).Select(segment => segment.Id).Distinct())}");
        foreach (var child in node.Children) WriteHierarchy(child, indent + "  ", output);
    }

    private static void WriteFindings(IEnumerable<X12Finding> findings, string indent, TextWriter output)
    {
        foreach (var finding in findings) output.WriteLine($"{indent}{finding.ToDiagnostic()}{(finding.X12Code.Length > 0 ? $" [X12 {finding.X12Code}]" : "")}");
    }
}
