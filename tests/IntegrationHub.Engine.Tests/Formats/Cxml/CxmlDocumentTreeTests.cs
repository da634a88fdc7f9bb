using IntegrationHub.Documents;
using IntegrationHub.Support;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// The map tree is the element tree laid out as it always was: checked node by node against a plain layout written here
/// over the public tree (text trimmed, attributes as @name children first, then the child elements), for every sample and
/// every corpus file that reads.
/// </summary>
public sealed class CxmlDocumentTreeTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var name in CxmlSamples.Names().Select(row => row.Data)) data.Add(CxmlSamples.PathOf(name, ".xml"));
        var corpus = RepositoryPaths.Shared is null ? null : Path.Combine(RepositoryPaths.Shared, "corpus", "cxml");
        if (corpus is not null && Directory.Exists(corpus))
        {
            foreach (var file in Directory.GetFiles(corpus, "*.xml").Order(StringComparer.Ordinal)) data.Add(file);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void From_LaysOutEveryElementAndAttribute_AsThePlainLayoutDoes(string file)
    {
        var document = CxmlReader.Read(File.ReadAllBytes(file)).Document;
        if (document is null) return; // refused unread (the corpus's malformed file): no tree to lay out

        AssertSame(Plain(document.Root), CxmlDocumentTree.From(document.Root));
    }

    [Fact]
    public void From_NamesAttributeNodesWithTheSameString_ForTheSameAttributeName()
    {
        var root = CxmlReader.Read(CxmlSamples.Bytes("OrderRequest.typical")).Document!.Root;

        var tree = CxmlDocumentTree.From(root);

        var currencies = Descendants(tree).Where(n => n.Name == "@currency").ToList();
        Assert.True(currencies.Count > 1);
        Assert.All(currencies, n => Assert.Same(currencies[0].Name, n.Name));
    }

    // An element with attributes and no child elements keeps them as leaves over the reader's array: found by name, with
    // the value, path and parent the plain layout gives, whether or not its nodes were listed first.
    [Fact]
    public void From_FindsAttributesByName_AsThePlainLayoutDoes()
    {
        var root = CxmlReader.Read(CxmlSamples.Bytes("OrderRequest.typical")).Document!.Root;
        var plain = Descendants(Plain(root)).Prepend(Plain(root)).ToList();
        var tree = Descendants(CxmlDocumentTree.From(root)).Prepend(CxmlDocumentTree.From(root)).ToList();
        var fresh = CxmlDocumentTree.From(root); // its nodes not yet listed: Child makes the attribute's node on its own
        var unlisted = new List<DocumentNode> { fresh };
        for (var index = 0; index < unlisted.Count; index++)
        {
            foreach (var child in unlisted[index].Children.Where(c => !c.Name.StartsWith('@'))) unlisted.Add(child);
        }
        var checkedLeaves = 0;
        for (var index = 0; index < plain.Count; index++)
        {
            var expected = plain[index];
            if (!expected.Name.StartsWith('@')) continue;
            var parent = tree[index].Parent!;
            var found = parent.Child(expected.Name);
            Assert.NotNull(found);
            Assert.Equal(expected.Value, found.Value);
            Assert.Equal(expected.Path, found.Path);
            Assert.Same(parent, found.Parent);
            Assert.Null(parent.Child(expected.Name[1..])); // an attribute is named with its '@'
            checkedLeaves++;
        }
        Assert.True(checkedLeaves > 20);
        foreach (var element in unlisted.Where(n => !n.Children.Any(c => !c.Name.StartsWith('@')) && n.Children.Count > 0))
        {
            var first = element.Children[0];
            Assert.Same(first, element.Child(first.Name));
        }
        var money = DocumentPath.Parse("Request/OrderRequest/OrderRequestHeader/Total/Money/@currency");
        Assert.Equal("EUR", Assert.Single(money.Select(fresh)).Value);
    }

    // Child elements that are all plain text leaves of distinct names (an ItemID's) are leaves of their parent's node:
    // found by name and by path before any node is listed, with the value, position, path and parent the plain layout gives.
    [Fact]
    public void From_FindsPlainChildElementsByName_AsThePlainLayoutDoes()
    {
        var root = CxmlReader.Read(CxmlSamples.Bytes("OrderRequest.typical")).Document!.Root;
        var plain = Plain(root);
        foreach (var text in new[] { "Request/OrderRequest/ItemOut/ItemID/SupplierPartID", "Request/OrderRequest/ItemOut/ItemID/SupplierPartAuxiliaryID" })
        {
            var path = DocumentPath.Parse(text);
            var expected = path.Select(plain).ToList();
            var found = path.Select(CxmlDocumentTree.From(root)).ToList();
            Assert.True(expected.Count > 1);
            Assert.Equal(expected.Select(n => (n.Value, n.Position, n.Path)), found.Select(n => (n.Value, n.Position, n.Path)));
        }
        var itemId = DocumentPath.Parse("Request/OrderRequest/ItemOut/ItemID").Select(CxmlDocumentTree.From(root)).First();
        var part = itemId.Child("SupplierPartID");
        Assert.NotNull(part);
        Assert.Same(itemId, part.Parent);
        Assert.Same(part, itemId.Children[0]);
        Assert.Null(itemId.Child("@SupplierPartID"));
        Assert.Null(itemId.Child("Description"));
    }

    // qualified() reads a segment's numbered elements as pairs; an ItemID's plain children (leaves of its node) and an
    // element's attributes are not numbered elements, so it finds no pair there, as over the plain layout.
    [Theory]
    [InlineData("Request/OrderRequest/ItemOut/ItemID")]
    [InlineData("Request/OrderRequest/ItemOut/ItemDetail/UnitPrice/Money")]
    public void Qualified_FindsNoPairs_InACxmlElement(string path)
    {
        var root = CxmlReader.Read(CxmlSamples.Bytes("OrderRequest.typical")).Document!.Root;
        var element = DocumentPath.Parse(path).Select(CxmlDocumentTree.From(root)).First();
        var codes = new IntegrationHub.Mapping.CodeListSet();
        foreach (var leaf in element.Children)
        {
            var call = IntegrationHub.Mapping.ExpressionParser.Parse($"qualified(., '{leaf.Value}', 1)", codes, out var error, out _);
            Assert.True(call is not null, error);
            var context = new IntegrationHub.Mapping.EvaluationContext(codes, []) { Node = element };

            Assert.Null(call.Evaluate(context));
        }
    }

    // An element's child nodes are made when first asked for; asked from several threads at once they are still made
    // once: every thread sees the same nodes.
    [Fact]
    public void From_MakesEachElementsChildrenOnce_WhenThreadsAskAtOnce()
    {
        var root = CxmlReader.Read(CxmlSamples.Bytes("OrderRequest.typical")).Document!.Root;
        for (var round = 0; round < 20; round++)
        {
            var tree = CxmlDocumentTree.From(root);
            var seen = new DocumentNode[8][];
            Parallel.For(0, seen.Length, thread => seen[thread] = [.. Descendants(tree)]);
            for (var thread = 1; thread < seen.Length; thread++) Assert.Equal(seen[0], seen[thread], ReferenceEqualityComparer.Instance);
        }
    }

    private static DocumentNode Plain(CxmlElement element)
    {
        var text = element.Text.Trim();
        var position = new Position(-1, element.Line, element.Column, string.Empty);
        var node = new DocumentNode(element.Name, text.Length > 0 ? text : null, position);
        foreach (var attribute in element.Attributes) node.Add(new DocumentNode("@" + attribute.Name, attribute.Value, position));
        foreach (var child in element.Elements) node.Add(Plain(child));
        return node;
    }

    private static void AssertSame(DocumentNode expected, DocumentNode actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Value, actual.Value);
        Assert.Equal(expected.Position, actual.Position);
        Assert.Equal(expected.Children.Count, actual.Children.Count);
        for (var index = 0; index < expected.Children.Count; index++)
        {
            Assert.Same(actual, actual.Children[index].Parent);
            AssertSame(expected.Children[index], actual.Children[index]);
        }
    }

    private static IEnumerable<DocumentNode> Descendants(DocumentNode node) => node.Children.SelectMany(child => Descendants(child).Prepend(child));
}
