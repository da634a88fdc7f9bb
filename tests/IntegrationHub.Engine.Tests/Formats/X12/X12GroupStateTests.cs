using System.Text;
using IntegrationHub.Formats.X12;

namespace IntegrationHub.Engine.Tests.Formats.X12;

/// <summary>
/// What a group keeps per set while it is read: the ST02s for finding duplicates and the acknowledgment of each set,
/// both kept as runs when control numbers count up. These compare them with the plain definitions.
/// </summary>
public sealed class X12GroupStateTests
{
    private static readonly string[] Sequences =
    [
        // Consecutive, then a gap, then a repeat from the run, a repeat from before the gap, and one more.
        "0001 0002 0003 0004 0005 0007 0008 0003 0005 0009",
        // Width matters: 1 and 01 and 001 are different control numbers.
        "1 2 3 01 02 03 001 2 02 002 3",
        // Counting down, text ones, a number too long for the numeric keys.
        "9 8 7 6 A B A 12345678901234567890 12345678901234567890 7",
        // Around the numbers kept as bits (below 4096, no leading zero): 0 and 00, 4095 and 04095, 4096 beside them.
        "0 00 0 4095 04095 4096 4095 4096 63 64 063 64 00 4097",
    ];

    [Fact]
    public void ControlNumberSet_FindsTheSameDuplicatesAsASetOfStrings()
    {
        var random = new Random(1234);
        var sequences = Sequences.Select(sequence => sequence.Split(' ')).ToList();
        // Long runs (kept as ranges) broken off and revisited, runs of several widths, short runs given back.
        for (var round = 0; round < 20; round++)
        {
            var values = new List<string>();
            for (var run = 0; run < 12; run++)
            {
                var start = random.Next(0, 3000);
                var width = random.Next(1, 6);
                var length = random.Next(0, 2) == 0 ? random.Next(1, 10) : random.Next(60, 400);
                for (var i = 0; i < length; i++)
                {
                    var text = (start + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    values.Add(text.Length < width ? text.PadLeft(width, '0') : text);
                }
            }
            sequences.Add([.. values]);
        }

        foreach (var (sequence, ranges) in sequences.SelectMany(sequence => new[] { (sequence, true), (sequence, false) }))
        {
            var set = new ControlNumberSet(ranges);
            var expected = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in sequence)
            {
                var bytes = Encoding.Latin1.GetBytes(value);
                Assert.Equal(expected.Contains(value), set.Contains(bytes));
                Assert.Equal(expected.Add(value), set.Add(bytes));
                Assert.True(set.Contains(bytes));
            }
            set.Clear();
            Assert.All(sequence, value => Assert.False(set.Contains(Encoding.Latin1.GetBytes(value))));
        }
    }

    [Fact]
    public void Acknowledgment_ListsEverySet_WhenAcceptedSetsCountUpInRuns()
    {
        // 0001-0003 count up; 0005 leaves a gap; 0006 is rejected; 0007 and 0008 count up again but 0008 is an 810;
        // 00009 changes width (ST02 is 4 to 9 characters), then 00010 and 00011 count up.
        string[] controls = ["0001", "0002", "0003", "0005", "0006", "0007", "0008", "00009", "00010", "00011"];
        var sets = new StringBuilder();
        foreach (var control in controls)
        {
            var setId = control == "0008" ? "810" : "850";
            var body = setId == "810" ? "BIG*20240101*INV1~TDS*100~"
                : control == "0006" ? "BEG*00*SA*PO1**20240101~PO1*1*X*EA*9.99**VP*A~CTT*1~"
                : "BEG*00*SA*PO1**20240101~PO1*1*2*EA*9.99**VP*A~CTT*1~";
            var count = body.Count(c => c == '~') + 2;
            sets.Append($"ST*{setId}*{control}~{body}SE*{count}*{control}~");
        }
        var input = X12Samples.Isa4010 + "GS*PO*BUYER*SUPPLIER*20240101*1200*1*X*004010~" + sets + $"GE*{controls.Length}*1~IEA*1*000000001~";
        var output = new MemoryStream();

        var report = X12Validation.Validate(X12Samples.Stream(input), output, new X12ValidationOptions { NewLineAfterSegment = false });

        var ack = Encoding.Latin1.GetString(output.ToArray()).Split('~');
        var loops = ack.Where(segment => segment.StartsWith("AK2", StringComparison.Ordinal) || segment.StartsWith("AK5", StringComparison.Ordinal)).ToList();
        var expected = controls.SelectMany(control => new[]
        {
            $"AK2*{(control == "0008" ? "810" : "850")}*{control}",
            control == "0006" ? loops.Single(segment => segment.StartsWith("AK5*R", StringComparison.Ordinal)) : "AK5*A",
        });
        Assert.Equal(expected, loops.Where(segment => !segment.StartsWith("AK3", StringComparison.Ordinal)));
        Assert.Equal(controls.Length - 1, report.SetsAccepted);
        Assert.Contains($"AK9*P*{controls.Length}*{controls.Length}*{controls.Length - 1}", ack);
        var se = ack.Single(segment => segment.StartsWith("SE*", StringComparison.Ordinal));
        Assert.Equal($"SE*{ack.SkipWhile(s => !s.StartsWith("ST*", StringComparison.Ordinal)).TakeWhile(s => !s.StartsWith("GE*", StringComparison.Ordinal)).Count()}*0001", se);
    }
}
