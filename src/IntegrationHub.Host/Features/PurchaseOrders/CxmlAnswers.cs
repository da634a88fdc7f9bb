using IntegrationHub.Documents;
using IntegrationHub.Formats.Cxml;

namespace IntegrationHub.Features.PurchaseOrders;

/// <summary>The synchronous cXML Responses the hub answers requests with, as bytes ready to send and to store.</summary>
internal sealed class CxmlAnswers(CxmlEnvelopeFactory envelopes)
{
    public const string ContentType = "text/xml; charset=utf-8";

    /// <summary>200 OK.</summary>
    public byte[] Ok() => Write(OkStatus);

    /// <summary>200 OK with a response payload (a PunchOutSetupResponse, a ProfileResponse) after the Status, as the DTD orders them.</summary>
    public byte[] Ok(CxmlElement payload) => CxmlWriter.Write(CxmlStatusTable.ResponseFor(OkStatus, envelopes, payload));

    private static readonly CxmlStatus OkStatus = new(200, "OK", string.Empty, "en-US");

    /// <summary>The status the diagnostics call for (the first error's row in <see cref="CxmlStatusTable"/>).</summary>
    public byte[] For(IEnumerable<Diagnostic> diagnostics) => Write(CxmlStatusTable.StatusFor(diagnostics));

    /// <summary>One problem, as its status.</summary>
    public byte[] For(string code, string message) => For([new Diagnostic(code, message, Severity.Error, Position.Unknown)]);

    private byte[] Write(CxmlStatus status) => CxmlWriter.Write(CxmlStatusTable.ResponseFor(status, envelopes));
}
