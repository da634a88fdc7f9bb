using System.Text;
using IntegrationHub.Formats.Catalog;

namespace IntegrationHub.Engine.Tests.Formats.Catalog;

public sealed class CifWriterTests
{
    private static readonly CatalogSupplier Supplier = new("DUNS", "123456789");

    private static async IAsyncEnumerable<CatalogExportItem> Items(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return new CatalogExportItem($"P-{i}", "", "Item", "EA", 1.5m, "USD", 2m, null, null, null, null);
        }
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "two lines")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData(null, "")]
    public void Field_QuotesAndEscapes_AsCifWants(string? value, string expected) => Assert.Equal(expected, CifWriter.Field(value));

    [Fact]
    public async Task WriteAsync_WritesHeaderDataAndEnd_WhenTheCountMatches()
    {
        using var output = new MemoryStream();

        await CifWriter.WriteAsync(output, Supplier, 2, new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), "c", Items(2), CancellationToken.None);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n");
        Assert.Equal("CIF_I_V3.0", lines[0]);
        Assert.Contains("TIMESTAMP: 2026-12-01 10:00:00", lines);
        Assert.Equal(["123456789,P-0,,Item,,1.5,EA,,,,,2,,en_US,USD,", "123456789,P-1,,Item,,1.5,EA,,,,,2,,en_US,USD,", "ENDOFDATA", ""],
            lines.SkipWhile(l => l != "DATA").Skip(1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task WriteAsync_Throws_WhenTheItemsDoNotMatchTheAnnouncedCount(int announced) =>
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            CifWriter.WriteAsync(new MemoryStream(), Supplier, announced, DateTimeOffset.UnixEpoch, "", Items(2), CancellationToken.None));

    [Fact]
    public async Task IndexWriteAsync_Throws_WhenThereIsNoItem() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => CxmlIndexWriter.WriteAsync(new MemoryStream(), Supplier, "", Items(0), CancellationToken.None));
}
