using System.Text;
using System.Text.RegularExpressions;

namespace IntegrationHub.Host.Tests.PurchaseOrders;

/// <summary>Test documents made from the golden samples in mappings/, with fresh keys so tests never collide.</summary>
internal static partial class Documents
{
    private static int _controlNumber = Random.Shared.Next(1000, 900_000_000);

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>A control number no other test of the run uses.</summary>
    public static int NextControlNumber() => Interlocked.Increment(ref _controlNumber);

    /// <summary>The cXML OrderRequest sample with its own payloadID, order number and shared secret.</summary>
    public static string OrderRequest(string payloadId, string orderId, string secret, string identity = "AN-DEMO-BUYER", string sample = "basic") =>
        File.ReadAllText(Path.Combine(RepositoryRoot, "mappings/defaults/cxml/order-request.inbound.samples", sample + ".xml"))
            .Replace("1764164400.4711@buyer.example", payloadId, StringComparison.Ordinal)
            .Replace("orderID=\"PO-4711\"", $"orderID=\"{orderId}\"", StringComparison.Ordinal)
            .Replace("not-in-the-order", secret, StringComparison.Ordinal)
            .Replace("AN-DEMO-BUYER", identity, StringComparison.Ordinal);

    /// <summary>The X12 850 sample with its own interchange and group control numbers and order number.</summary>
    public static string Interchange850(int controlNumber, string orderNumber)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot, "mappings/defaults/x12/850-004010.inbound.samples/basic.edi"));
        var isa13 = controlNumber.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        return text.Replace("*000000101*", $"*{isa13}*", StringComparison.Ordinal)
            .Replace("IEA*1*000000101", $"IEA*1*{isa13}", StringComparison.Ordinal)
            .Replace("BEG*00*SA*PO-4711", $"BEG*00*SA*{orderNumber}", StringComparison.Ordinal)
            .Replace("*0930*U*00401*", "*0930*U*00401*", StringComparison.Ordinal);
    }

    public static StringContent Xml(string text) => new(text, Encoding.UTF8, "text/xml");

    /// <summary>The code of a cXML Response's Status.</summary>
    public static int StatusCode(string response) =>
        StatusPattern().Match(response) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new Xunit.Sdk.XunitException($"No cXML Status in: {response}");

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    [GeneratedRegex("<Status code=\"(\\d+)\"")]
    private static partial Regex StatusPattern();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IntegrationHub.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException("The repository root (IntegrationHub.sln) is not above the test binaries.");
    }
}
