using System.Text;
using FsCheck;
using FsCheck.Fluent;
using IntegrationHub.Formats.X12;
using IntegrationHub.Support;

namespace IntegrationHub.Engine.Tests.Formats.X12;

/// <summary>
/// No input may throw out of the engine or hang it. FsCheck feeds random bytes, random X12-like text and random
/// damage to valid samples; each run is bounded in size and count. Any input that ever broke the engine is kept as a
/// regression case in <see cref="Regressions"/>.
/// </summary>
public sealed class X12RobustnessTests
{
    private static readonly string[] ValidSamples =
        Directory.GetFiles(Path.Combine(IntegrationHub.Support.RepositoryPaths.Root, "tests", "IntegrationHub.Engine.Tests", "Formats", "X12", "Samples"), "*.edi")
            .Select(File.ReadAllText).ToArray();

    /// <summary>Reads everything a caller can: validation with acknowledgments, and the inspection outline.</summary>
    private static bool ReadsWithoutThrowing(byte[] input)
    {
        var report = X12Validation.Validate(new MemoryStream(input), new MemoryStream(), new X12ValidationOptions { Read = new X12ReadOptions { MaxSegmentLength = 4096 } });
        X12Inspection.Describe(new MemoryStream(input), TextWriter.Null);
        var chunked = X12Samples.Segments(new OneByteStream(input));
        return report.SetsAccepted <= report.Sets && chunked.SequenceEqual(X12Samples.Segments(new MemoryStream(input)));
    }

    private static readonly Config Bounded = Config.QuickThrowOnFailure.WithMaxTest(300).WithEndSize(2000);

    [Fact]
    public void Validate_NeverThrows_OnRandomBytes()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), ReadsWithoutThrowing).Check(Bounded);
    }

    [Fact]
    public void Validate_NeverThrows_OnRandomX12LikeText()
    {
        var alphabet = "ISAGSTEN0123456789*~>:^|\r\n U".ToCharArray();
        var text = Gen.ArrayOf(Gen.Elements(alphabet)).Select(chars => X12Samples.Isa4010 + new string(chars));
        Prop.ForAll(text.ToArbitrary(), value => ReadsWithoutThrowing(Encoding.Latin1.GetBytes(value))).Check(Bounded);
    }

    [Fact]
    public void Validate_NeverThrows_OnDamagedSamples()
    {
        var damaged =
            from sample in Gen.Elements(ValidSamples)
            from position in Gen.Choose(0, 2000)
            from length in Gen.Choose(0, 40)
            from replacement in Gen.ArrayOf(Gen.Elements("*~>:^\n0A ".ToCharArray()))
            let at = Math.Min(position, sample.Length)
            select sample[..at] + new string(replacement) + sample[Math.Min(sample.Length, at + length)..];
        Prop.ForAll(damaged.ToArbitrary(), value => ReadsWithoutThrowing(Encoding.Latin1.GetBytes(value))).Check(Bounded);
    }

    [Fact]
    public void Validate_NeverThrows_OnTruncatedSamples()
    {
        foreach (var sample in ValidSamples)
        {
            for (var length = 0; length <= sample.Length; length++)
            {
                Assert.True(ReadsWithoutThrowing(Encoding.Latin1.GetBytes(sample[..length])));
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(100)]
    public void Validate_NeverThrows_WhenTheSegmentBoundIsTiny(int bound)
    {
        foreach (var sample in ValidSamples)
        {
            var report = X12Validation.Validate(new MemoryStream(Encoding.Latin1.GetBytes(sample)), new MemoryStream(),
                new X12ValidationOptions { Read = new X12ReadOptions { MaxSegmentLength = bound } });
            Assert.True(report.SetsAccepted <= report.Sets);
        }
    }

    /// <summary>Inputs that once broke the engine (or nearly would have); each must read cleanly forever.</summary>
    public static TheoryData<string> Regressions() => new(
        "ISA*",
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *240101*1200*U*00401*000000001*0*P*",
        "ISA~00~",
        "\uFEFFISA*00*",
        X12Samples.Isa4010 + "GS*PO~ST*850*1~SE~GE~IEA~ISA*",
        X12Samples.Isa4010.Replace("*>~", "*>\u00E2", StringComparison.Ordinal) + "GS*PO",
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *240101*1200*U*00401*000000001*0*P* \r");

    [Theory]
    [MemberData(nameof(Regressions))]
    public void Validate_NeverThrows_OnRegressionSamples(string input)
    {
        Assert.True(ReadsWithoutThrowing(Encoding.Latin1.GetBytes(input)));
    }

    [Fact]
    public void Validate_SkipsAHugeSegment_WithBoundedMemory()
    {
        var head = Encoding.Latin1.GetBytes(X12Samples.Isa4010 + "GS*PO*A*B*20240101*1200*1*X*004010~ST*850*0001~BEG*00*SA*");
        var tail = Encoding.Latin1.GetBytes("**20240101~PO1*1*1*EA*1~SE*4*0001~GE*1*1~IEA*1*000000001~");
        using var input = new PatternStream(head, (byte)'9', 256L << 20, tail);

        var report = X12Validation.Validate(input, null);

        Assert.Contains(report.Diagnostics, diagnostic => diagnostic.Code == "x12.segment.too-long");
        Assert.Equal((1, 0), (report.Sets, report.SetsAccepted));
    }

    [Fact]
    public void Validate_ReadsDeepHlNesting_WithoutRecursionTrouble()
    {
        var body = new StringBuilder("ST*856*0001~BSN*00*A1*20240101*1200~HL*1**S~");
        for (var i = 2; i <= 20_000; i++) body.Append($"HL*{i}*{i - 1}*I~");
        var text = $"{X12Samples.Isa4010}GS*SH*A*B*20240101*1200*1*X*004010~{body}SE*{20_003}*0001~GE*1*1~IEA*1*000000001~";

        var report = X12Validation.Validate(new MemoryStream(Encoding.Latin1.GetBytes(text)), null);
        X12Inspection.Describe(new MemoryStream(Encoding.Latin1.GetBytes(text)), TextWriter.Null);

        Assert.Equal((1, 1), (report.Sets, report.SetsAccepted));
    }
}

/// <summary>A stream of a head, then <c>count</c> copies of one byte, then a tail, produced on the fly.</summary>
internal sealed class PatternStream(byte[] head, byte fill, long count, byte[] tail) : ReadOnlyInput
{
    public override int Read(byte[] buffer, int offset, int length)
    {
        var total = head.Length + count + tail.Length;
        var written = 0;
        while (written < length && BytesRead < total)
        {
            if (BytesRead < head.Length) buffer[offset + written] = head[BytesRead];
            else if (BytesRead < head.Length + count) buffer[offset + written] = fill;
            else buffer[offset + written] = tail[BytesRead - head.Length - count];
            written++;
            BytesRead++;
        }
        return written;
    }
}
