using System.Text;
using IntegrationHub.Formats.X12;

namespace IntegrationHub.Engine.Tests.Formats.X12;

/// <summary>Small X12 inputs built in code, and helpers to read them.</summary>
internal static class X12Samples
{
    public const string Isa4010 = "ISA*00*          *00*          *ZZ*BUYER          *ZZ*SUPPLIER       *240101*1200*U*00401*000000001*0*P*>~";

    public const string Isa5010 = "ISA*00*          *00*          *ZZ*BUYER          *ZZ*SUPPLIER       *240101*1200*^*00501*000000001*0*P*:~";

    public const string Po4010 =
        Isa4010 + "\n" +
        "GS*PO*BUYER*SUPPLIER*20240101*1200*1*X*004010~\n" +
        "ST*850*0001~\n" +
        "BEG*00*SA*PO-1**20240101~\n" +
        "PO1*1*2*EA*9.5**VP*ABC~\n" +
        "CTT*1~\n" +
        "SE*5*0001~\n" +
        "GE*1*1~\n" +
        "IEA*1*000000001~\n";

    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    public static Stream Stream(string text) => new MemoryStream(Bytes(text));

    /// <summary>Every segment of the input as text, read with the tokenizer alone.</summary>
    public static List<string> Segments(Stream stream, X12ReadOptions? options = null)
    {
        var tokenizer = new X12Tokenizer(stream, options);
        var segments = new List<string>();
        while (tokenizer.TryRead(out var token)) segments.Add(Encoding.Latin1.GetString(token.Data));
        return segments;
    }

    public static List<X12Unit> Units(string text, X12ReadOptions? options = null) =>
        new X12Reader(Stream(text), options).Read().ToList();

    public static IEnumerable<string> Codes(IEnumerable<X12Unit> units) =>
        units.SelectMany(unit => unit.Findings).Select(finding => finding.Code);
}

/// <summary>A stream that hands out at most one byte per read, to put a chunk boundary everywhere.</summary>
internal sealed class OneByteStream(byte[] data) : MemoryStream(data)
{
    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

    public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);
}
