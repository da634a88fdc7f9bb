using IntegrationHub.Documents;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Partners;

namespace IntegrationHub.Features.PurchaseOrders;

/// <summary>An authenticated cXML request, read and ready for the handler of its type.</summary>
/// <param name="Raw">The bytes as received.</param>
/// <param name="ContentType">The request's content type.</param>
/// <param name="Document">The document read from them.</param>
/// <param name="Diagnostics">What the reader found (warnings only: a document with errors never reaches a handler).</param>
/// <param name="Partner">The partner its credentials belong to.</param>
/// <param name="HubUrl">The hub's own address as the buyer reached it (scheme, host and path base), for URLs the answer gives.</param>
/// <param name="TesterReturnUrl">Set only by the punchout tester in process: its own receiver, the one return URL allowed beside the partner's hosts.</param>
internal sealed record CxmlRequest(byte[] Raw, string ContentType, CxmlDocument Document, IReadOnlyList<Diagnostic> Diagnostics, Partner Partner, string HubUrl,
    string? TesterReturnUrl = null);

/// <summary>
/// Handles one cXML request type on <c>POST /cxml</c> (OrderRequest, PunchOutSetupRequest, ProfileRequest). The endpoint has
/// already read the document and authenticated its sender; the handler answers with the
/// bytes of a cXML Response.
/// </summary>
internal interface ICxmlRequestHandler
{
    /// <summary>The payload element this handler answers, such as <c>OrderRequest</c>.</summary>
    string RequestType { get; }

    Task<byte[]> HandleAsync(CxmlRequest request, CancellationToken cancellationToken);
}
