using System.Text;
using IntegrationHub.Formats.X12;
using IntegrationHub.Support;

namespace IntegrationHub.Engine.Tests.Formats.X12;

/// <summary>
/// Each Samples/*.edi is validated; its acknowledgment must equal the .ack beside it and its diagnostics the
/// .diagnostics beside it, whether the input is read on the validating thread or ahead on a second one. Set X12_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change, then review the diff.
/// </summary>
public sealed class X12GoldenTests
{
    public static TheoryData<string, bool> Samples()
    {
        var data = new TheoryData<string, bool>();
        foreach (var sample in Directory.GetFiles(SampleFolder, "*.edi").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(sample!, false);
            data.Add(sample!, true);
        }
        return data;
    }

    private static string SampleFolder => Path.Combine(RepositoryPaths.Root, "tests", "IntegrationHub.Engine.Tests", "Formats", "X12", "Samples");

    [Theory]
    [MemberData(nameof(Samples))]
    public void Validate_WritesTheExpectedAckAndDiagnostics_ForEachSample(string sample, bool readAhead)
    {
        var input = Path.Combine(SampleFolder, sample);
        var ack = new MemoryStream();
        X12ValidationReport report;
        using (var stream = File.OpenRead(input))
        {
            report = X12Validation.Validate(stream, ack, new X12ValidationOptions
            {
                Time = new FixedTime(new DateTimeOffset(2024, 2, 3, 4, 5, 0, TimeSpan.Zero)),
                ReadAhead = readAhead,
            });
        }
        var actualAck = Encoding.Latin1.GetString(ack.ToArray());
        var actualDiagnostics = string.Join("\n", report.Diagnostics.Select(diagnostic => diagnostic.ToString())) + "\n";

        var ackFile = Path.ChangeExtension(input, ".ack");
        var diagnosticsFile = Path.ChangeExtension(input, ".diagnostics");
        if (Environment.GetEnvironmentVariable("X12_UPDATE_GOLDEN") == "1" && !readAhead)
        {
            File.WriteAllText(ackFile, actualAck, Encoding.Latin1);
            File.WriteAllText(diagnosticsFile, actualDiagnostics);
        }

        Assert.Equal(File.ReadAllText(ackFile, Encoding.Latin1), actualAck);
        Assert.Equal(File.ReadAllText(diagnosticsFile), actualDiagnostics);
    }
}

/// <summary>A clock that always says the same time.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
