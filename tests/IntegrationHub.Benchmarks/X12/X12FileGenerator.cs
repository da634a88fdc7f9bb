using System.Text;

namespace IntegrationHub.Benchmarks.X12;

/// <summary>
/// Writes large, valid 004010 850, 810 or 856 files, deterministically (the same size and kind give the same bytes):
/// one interchange and group, sets of 50 lines each, until the target size is reached.
/// </summary>
internal static class X12FileGenerator
{
    private const int LinesPerSet = 50;

    public static long Generate(string kind, Stream output, long targetBytes)
    {
        using var writer = new StreamWriter(output, Encoding.Latin1, 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var functionalId = kind switch { "850" => "PO", "810" => "IN", "856" => "SH", _ => throw new ArgumentException($"Unknown kind {kind}; use 850, 810 or 856.") };
        writer.Write("ISA*00*          *00*          *ZZ*BENCHBUYER     *ZZ*BENCHSUPPLIER  *240101*1200*U*00401*000000001*0*P*>~\n");
        writer.Write($"GS*{functionalId}*BENCHBUYER*BENCHSUPPLIER*20240101*1200*1*X*004010~\n");
        long written = 200;
        var sets = 0;
        var body = new StringBuilder();
        while (written < targetBytes)
        {
            sets++;
            var control = sets.ToString("D9");
            body.Clear();
            var segments = kind switch
            {
                "850" => PurchaseOrder(body, sets),
                "810" => Invoice(body, sets),
                _ => ShipNotice(body, sets),
            };
            var text = $"ST*{kind}*{control}~\n{body}SE*{segments + 2}*{control}~\n";
            writer.Write(text);
            written += text.Length;
        }
        writer.Write($"GE*{sets}*1~\nIEA*1*000000001~\n");
        writer.Flush();
        return written;
    }

    private static int PurchaseOrder(StringBuilder body, int set)
    {
        body.Append($"BEG*00*SA*PO{set:D8}**20240101~\nREF*DP*038~\nDTM*002*20240115~\nN1*ST*STORE {set % 997}*92*{set % 997:D4}~\nN3*1 MAIN ST~\nN4*SPRINGFIELD*IL*62701*US~\n");
        for (var line = 1; line <= LinesPerSet; line++)
        {
            body.Append($"PO1*{line}*{line % 12 + 1}*EA*{9 + (line % 90)}.{line % 100:D2}*PE*VP*V{set % 10000:D4}-{line:D3}*UP*0{set % 100000:D5}{line:D5}0~\nPID*F****WIDGET {line} BLUE~\n");
        }
        body.Append($"CTT*{LinesPerSet}~\n");
        return 7 + (2 * LinesPerSet);
    }

    private static int Invoice(StringBuilder body, int set)
    {
        body.Append($"BIG*20240120*INV{set:D8}*20240101*PO{set:D8}~\nREF*IA*123456~\nN1*RI*BENCH SUPPLIER*92*0001~\nN1*ST*STORE {set % 997}*92*{set % 997:D4}~\nITD*01*3*2**30**60~\nDTM*011*20240118~\n");
        for (var line = 1; line <= LinesPerSet; line++)
        {
            body.Append($"IT1*{line}*{line % 12 + 1}*EA*{9 + (line % 90)}.{line % 100:D2}**VP*V{set % 10000:D4}-{line:D3}*UP*0{set % 100000:D5}{line:D5}0~\nPID*F****WIDGET {line} BLUE~\n");
        }
        body.Append($"TDS*{set % 1000000 + 100}~\nCTT*{LinesPerSet}~\n");
        return 8 + (2 * LinesPerSet);
    }

    private static int ShipNotice(StringBuilder body, int set)
    {
        body.Append($"BSN*00*ASN{set:D8}*20240102*1030*0001~\nHL*1**S~\nTD1*CTN25*{LinesPerSet}~\nREF*BM*BOL{set:D8}~\nN1*ST*STORE {set % 997}*92*{set % 997:D4}~\nHL*2*1*O~\nPRF*PO{set:D8}~\n");
        var hl = 2;
        for (var line = 1; line <= LinesPerSet; line++)
        {
            var pack = ++hl;
            body.Append($"HL*{pack}*2*P~\nMAN*GM*00{set % 100000:D7}{line:D11}~\nHL*{++hl}*{pack}*I~\nLIN*{line}*VP*V{set % 10000:D4}-{line:D3}*UP*0{set % 100000:D5}{line:D5}0~\nSN1*{line}*{line % 12 + 1}*EA~\n");
        }
        body.Append($"CTT*{hl}~\n");
        return 8 + (5 * LinesPerSet);
    }
}
