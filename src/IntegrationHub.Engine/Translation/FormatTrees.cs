using IntegrationHub.Documents;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Formats.X12;

namespace IntegrationHub.Translation;

/// <summary>A document read into the tree maps work on, with what its format reader found.</summary>
/// <param name="Tree">The document tree; null when the input could not be read at all.</param>
/// <param name="DocumentType">The document's type as its map names it (<c>OrderRequest</c>, <c>850</c>).</param>
/// <param name="Version">The format version, where the format has one that maps depend on (X12 <c>004010</c>).</param>
/// <param name="Diagnostics">What the format's reader found.</param>
public sealed record FormatTree(DocumentNode? Tree, string? DocumentType, string? Version, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Readable => Tree is not null && Diagnostics.All(d => d.Severity != Severity.Error);
}

/// <summary>Reads a document of a known format into the tree maps work on.</summary>
public static class FormatTrees
{
    /// <summary>The formats this build reads for maps: the ones map files may name.</summary>
    public static IReadOnlyList<string> Formats => Mapping.MapHeader.Formats;

    /// <summary>The format a document is in, from its first bytes: <c>cxml</c> for XML, <c>x12</c> for an ISA; null otherwise.</summary>
    public static string? Detect(ReadOnlySpan<byte> input)
    {
        if (input.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) input = input[3..];
        var start = 0;
        while (start < input.Length && input[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') start++;
        input = input[start..];
        if (input.StartsWith("<"u8)) return "cxml";
        if (input.StartsWith("ISA"u8)) return "x12";
        return null;
    }

    /// <summary>Every document in the input: one for cXML, one per transaction set for X12 (none when nothing could be read).</summary>
    /// <exception cref="ArgumentException">The format is not one of <see cref="Formats"/> (a caller's bug).</exception>
    public static IReadOnlyList<FormatTree> ReadAll(string format, byte[] input) => [.. Documents(format, input, inTurn: false)];

    /// <summary>
    /// The documents of <see cref="ReadAll"/>, in the same order and with the same diagnostics, each laid out as its tree
    /// only when the enumeration reaches it, for a caller that maps one document and lets it go before asking for the
    /// next: a tree is valid only until then, as an X12 file's next set is read into the same segments and nodes (see
    /// <see cref="X12SetTrees.InTurn"/>). Asking a tree passed for its children throws; <see cref="ReadAll"/> keeps them.
    /// </summary>
    /// <exception cref="ArgumentException">The format is not one of <see cref="Formats"/> (a caller's bug).</exception>
    public static IEnumerable<FormatTree> Each(string format, byte[] input) => Documents(format, input, inTurn: true);

    private static IEnumerable<FormatTree> Documents(string format, byte[] input, bool inTurn) => format switch
    {
        "cxml" => [ReadCxml(input)],
        "x12" => ReadX12(input, inTurn),
        _ => throw new ArgumentException($"No tree reader for format '{format}'.", nameof(format)),
    };

    /// <summary>The one document of the input; an X12 file with several sets (or none) gives a diagnostic instead.</summary>
    /// <exception cref="ArgumentException">The format is not one of <see cref="Formats"/> (a caller's bug).</exception>
    public static FormatTree Read(string format, byte[] input)
    {
        var all = ReadAll(format, input);
        if (all.Count == 1) return all[0];
        var diagnostics = all.SelectMany(t => t.Diagnostics).ToList();
        if (all.Count == 0 && diagnostics.Count > 0) return new FormatTree(null, null, null, diagnostics);
        diagnostics.Add(new Diagnostic("translate.documents.count", $"Expected one document, found {all.Count}.", Severity.Error, Position.Unknown));
        return new FormatTree(null, null, null, diagnostics);
    }

    // GS08 may carry an industry identifier after the version (004010VICS, 005010X222A1); maps are per base version.
    private static string? BaseVersion(string? version) => version is { Length: > 6 } ? version[..6] : version;

    private static IEnumerable<FormatTree> ReadX12(byte[] input, bool inTurn)
    {
        var sets = X12DocumentTree.ReadSets(input);
        if (sets.Count == 0)
            return [new FormatTree(null, null, null, [.. sets.FileDiagnostics, new Diagnostic("x12.set.none", "The input holds no transaction set.", Severity.Error, Position.Unknown)])];
        // A set carries its own group's and interchange's findings: a rejected interchange rejects its sets, not its neighbours'.
        return (inTurn ? sets.InTurn() : sets).Select(set => new FormatTree(set.Tree, set.SetId, BaseVersion(set.Version), [.. set.Envelope, .. set.Diagnostics]));
    }

    private static FormatTree ReadCxml(byte[] input)
    {
        // The map reads the tree; the typed view is not kept, only its findings (the same diagnostics).
        var result = CxmlReader.ReadWithoutModel(input);
        return result.Document is null
            ? new FormatTree(null, null, null, result.Diagnostics)
            : new FormatTree(CxmlDocumentTree.From(result.Document.Root), result.Document.DocumentType, result.Document.Version, result.Diagnostics);
    }
}
