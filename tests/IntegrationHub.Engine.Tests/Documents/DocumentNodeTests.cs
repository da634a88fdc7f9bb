using IntegrationHub.Documents;

namespace IntegrationHub.Engine.Tests.Documents;

public sealed class DocumentNodeTests
{
    private sealed class CountingText : INodeText
    {
        public int Decoded { get; private set; }

        public string? Text(int index)
        {
            Decoded++;
            return $"value {index}";
        }
    }

    [Fact]
    public void Value_IsDecodedOnce_WhenFirstRead()
    {
        var source = new CountingText();
        var node = new DocumentNode("BEG03", source, 3, default);
        Assert.Equal(0, source.Decoded);

        Assert.Equal("value 3", node.Value);
        Assert.Equal("value 3", node.Value);
        Assert.Equal(1, source.Decoded);
    }

    [Fact]
    public void Value_IsTheOneSet_WhenSetBeforeItWasDecoded()
    {
        var source = new CountingText();
        var node = new DocumentNode("BEG03", source, 3, default) { Value = "changed" };

        Assert.Equal("changed", node.Value);
        Assert.Equal(0, source.Decoded);
    }
}
