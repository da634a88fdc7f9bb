using IntegrationHub.Documents;

namespace IntegrationHub.Formats.X12;

/// <summary>The ISA checks, each mapped to its TA105 note code.</summary>
internal static class IsaRules
{
    private static readonly int[] Widths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1];

    public static void Check(X12Interchange interchange)
    {
        var isa = interchange.Isa;
        var findings = interchange.Findings;
        if (isa.Count < 16)
        {
            findings.Add(EnvelopeFinding.Interchange("x12.isa.too-few-elements", "024", $"The ISA has {isa.Count} elements instead of 16.", isa));
        }

        for (var i = 1; i <= Widths.Length && i <= isa.Count; i++)
        {
            var length = isa.Element(i).Length;
            if (length != Widths[i - 1])
            {
                findings.Add(EnvelopeFinding.Interchange("x12.isa.field-width", "000",
                    $"ISA{i:00} is {length} bytes wide instead of {Widths[i - 1]}.", isa, Severity.Warning) with { ElementPosition = i });
            }
        }

        Require(findings, isa, 1, "010", value => value is "00" or "01" or "02" or "03" or "04" or "05" or "06" or "07" or "08", "an authorization information qualifier");
        Require(findings, isa, 3, "012", value => value is "00" or "01", "a security information qualifier (00 or 01)");
        Require(findings, isa, 5, "005", value => value.Length == 2 && X12Reader.IsAlphanumeric(value), "a sender id qualifier");
        Require(findings, isa, 6, "006", value => value.Trim().Length > 0, "a sender id");
        Require(findings, isa, 7, "007", value => value.Length == 2 && X12Reader.IsAlphanumeric(value), "a receiver id qualifier");
        Require(findings, isa, 8, "008", value => value.Trim().Length > 0, "a receiver id");
        Require(findings, isa, 9, "014", value => X12Values.IsDate(value, allowSixDigits: true), "a date YYMMDD");
        Require(findings, isa, 10, "015", value => value.Length == 4 && X12Values.IsTime(value), "a time HHMM");
        Require(findings, isa, 12, "017", value => value.Length == 5 && value.All(char.IsAsciiDigit), "a five-digit version");
        Require(findings, isa, 13, "018", value => value.Length == 9 && value.All(char.IsAsciiDigit), "a nine-digit control number");
        Require(findings, isa, 14, "019", value => value is "0" or "1", "an acknowledgment request (0 or 1)");
        Require(findings, isa, 15, "020", value => value is "P" or "T" or "I", "a usage indicator (P, T or I)");

        if (string.CompareOrdinal(isa[12], "00402") < 0 && isa[11] != "U")
        {
            findings.Add(EnvelopeFinding.Interchange("x12.isa.standards-id-invalid", "016",
                $"ISA11 is '{isa[11]}'; before version 00402 it must be the standards identifier U.", isa, Severity.Warning) with { ElementPosition = 11 });
        }
    }

    private static void Require(List<X12Finding> findings, X12Segment isa, int position, string ta1Code, Func<string, bool> valid, string what)
    {
        var value = isa[position];
        if (valid(value)) return;
        findings.Add(EnvelopeFinding.Interchange("x12.isa.value-invalid", ta1Code, $"ISA{position:00} '{value}' is not {what}.", isa) with
        {
            ElementPosition = position,
            BadData = value,
        });
    }
}

/// <summary>The GS checks, mapped to AK905 codes.</summary>
internal static class GroupRules
{
    public static void CheckHeader(X12Group group)
    {
        var gs = group.Gs;
        if (gs[6].Length is < 1 or > 9 || !gs[6].All(char.IsAsciiDigit))
        {
            group.Findings.Add(EnvelopeFinding.Group("x12.gs.control-number-invalid", "6", $"GS06 '{gs[6]}' is not a control number of 1 to 9 digits.", gs));
        }
        if (gs[8].Length == 0)
        {
            group.Findings.Add(EnvelopeFinding.Group("x12.gs.version-missing", "2", "GS08 (version) is empty.", gs));
        }
        var sixDigitDates = string.CompareOrdinal(gs[8], "004") < 0;
        if (!X12Values.IsDate(gs[4], allowSixDigits: sixDigitDates) || (!sixDigitDates && gs[4].Length != 8))
        {
            group.Findings.Add(EnvelopeFinding.Group("x12.gs.date-invalid", "", $"GS04 '{gs[4]}' is not a CCYYMMDD date.", gs, Severity.Warning));
        }
        if (gs[5].Length is < 4 or > 8 || !X12Values.IsTime(gs[5]))
        {
            group.Findings.Add(EnvelopeFinding.Group("x12.gs.time-invalid", "", $"GS05 '{gs[5]}' is not a time.", gs, Severity.Warning));
        }
    }
}

/// <summary>GS01 functional identifier codes of the sets we know.</summary>
internal static class FunctionalIds
{
    private static readonly Dictionary<string, string> BySet = new(StringComparer.Ordinal)
    {
        ["850"] = "PO", ["855"] = "PR", ["856"] = "SH", ["810"] = "IN", ["860"] = "PC", ["865"] = "CA",
        ["997"] = "FA", ["999"] = "FA", ["846"] = "IB", ["820"] = "RA", ["832"] = "SC", ["940"] = "OW",
        ["214"] = "QM", ["210"] = "IM", ["204"] = "SM", ["824"] = "AG", ["990"] = "GF", ["180"] = "AN",
    };

    public static string For(string setId) => BySet.GetValueOrDefault(setId, "?");

    public static bool Matches(string functionalId, string setId) =>
        !BySet.TryGetValue(setId, out var expected) || expected == functionalId;
}
