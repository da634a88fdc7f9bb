using IntegrationHub.Formats.X12;

namespace IntegrationHub.Engine.Tests.Formats.X12;

/// <summary>The hand-over between the reading thread and the validating one: order kept, bounded, and stoppable from either side.</summary>
public sealed class X12HandoverTests
{
    [Fact]
    public void Take_GivesTheItemsInOrder_ThenFalseOnceCompleted()
    {
        var handover = new X12Handover<int>(capacity: 3);
        var writer = new Thread(() =>
        {
            for (var i = 0; i < 1000; i++) handover.Add(i);
            handover.Complete();
        });
        writer.Start();

        var taken = new List<int>();
        while (handover.Take(out var item)) taken.Add(item);
        writer.Join();

        Assert.Equal(Enumerable.Range(0, 1000), taken);
        Assert.False(handover.Take(out _));
    }

    [Fact]
    public void Add_ReturnsFalse_WhenTheReaderStopsWhileItWaitsForRoom()
    {
        var handover = new X12Handover<int>(capacity: 1);
        Assert.True(handover.Add(1));
        bool? added = null;
        var writer = new Thread(() => added = handover.Add(2));
        writer.Start();

        // The writer waits: the only slot is taken. Stopping must release it rather than leave it waiting forever.
        handover.Stop();

        Assert.True(writer.Join(TimeSpan.FromSeconds(30)), "the writer was not released by Stop");
        Assert.False(added);
        Assert.False(handover.Add(3));
    }

    [Fact]
    public void Take_ReturnsWhatIsLeft_AfterTheWriterCompleted()
    {
        var handover = new X12Handover<string>(capacity: 2);
        handover.Add("a");
        handover.Add("b");
        handover.Complete();

        Assert.True(handover.Take(out var first));
        Assert.True(handover.Take(out var second));
        Assert.False(handover.Take(out _));
        Assert.Equal(("a", "b"), (first, second));
    }
}
