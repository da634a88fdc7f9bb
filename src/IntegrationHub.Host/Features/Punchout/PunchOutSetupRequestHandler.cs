using IntegrationHub.Canonical;
using IntegrationHub.Features.PurchaseOrders;
using IntegrationHub.Mapping;
using IntegrationHub.Pipeline;
using IntegrationHub.Translation;

namespace IntegrationHub.Features.Punchout;

/// <summary>
/// A cXML PunchOutSetupRequest (create, edit or inspect), read through the partner's inbound map: the BrowserFormPost URL must
/// be on the partner's return-URL hosts; edit and inspect bring the buyer's cart as ItemOut lines, restored by SupplierPartID and
/// SupplierPartAuxiliaryID; a SelectedItem opens that product. Answered with a PunchOutSetupResponse whose StartPage URL carries
/// the session's one-shot start token.
/// </summary>
internal sealed partial class PunchOutSetupRequestHandler(MappingsProvider mappings, PunchoutSessionStore sessions, CxmlAnswers answers,
    Microsoft.Extensions.Options.IOptions<PunchoutOptions> options, ILogger<PunchOutSetupRequestHandler> logger) : ICxmlRequestHandler
{
    public string RequestType => "PunchOutSetupRequest";

    public async Task<byte[]> HandleAsync(CxmlRequest request, CancellationToken cancellationToken)
    {
        var partner = request.Partner;
        var tree = FormatTrees.Read("cxml", request.Raw);
        var map = mappings.Current.Maps.Find("cxml", RequestType, null, MapDirection.Inbound, partner.Id);
        if (tree.Tree is null || map is null)
            return answers.For(CxmlPunchout.NotImplemented, $"No inbound map reads a PunchOutSetupRequest for partner {partner.Id}.");
        var read = map.Run<PunchoutSessionRequest>(tree.Tree);
        // What the map cannot read is the buyer's document's fault: a 400, never the 5xx (retry) an unknown code would get.
        if (!read.Succeeded)
            return answers.For(read.Diagnostics.Where(d => d.Severity == Documents.Severity.Error)
                .Select(d => new Documents.Diagnostic(CxmlPunchout.Required, $"{d.Code}: {d.Message}", Documents.Severity.Error, d.Position)));
        var setup = read.Document!;
        // The tester's receiver is allowed for the tester's own request only; a buyer naming that URL is refused as any other.
        var tester = request.TesterReturnUrl is not null && string.Equals(setup.ReturnUrl, request.TesterReturnUrl, StringComparison.Ordinal);
        if (!tester && !PunchoutHeaders.ReturnUrlAllowed(partner, setup.ReturnUrl))
        {
            LogRefused(partner.Id, "BrowserFormPost host not allowed");
            return answers.For(CxmlPunchout.Forbidden,
                $"The BrowserFormPost URL \u201c{setup.ReturnUrl}\u201d is not on this partner's return-URL hosts (punchout.returnUrlHosts in its partner file).");
        }

        var (contract, contractProblem) = PunchoutContract.FromExtrinsics(partner, setup.Extrinsics);
        if (contractProblem is not null) return answers.For(CxmlPunchout.Required, contractProblem);

        var operation = setup.Operation switch
        {
            PunchoutOperation.Edit => PunchoutSession.Edit,
            PunchoutOperation.Inspect => PunchoutSession.Inspect,
            _ => PunchoutSession.Create,
        };
        var cart = setup.Operation == PunchoutOperation.Create ? [] : Restored(setup.CartLines);
        var selected = setup.SelectedItem?.SupplierPartId is { Length: > 0 } part
            ? CatalogProduct.ProductKey(part, CatalogAuxiliaryId(setup.SelectedItem.SupplierPartAuxiliaryId))
            : null;
        var (id, token, restored) = await sessions.CreateAsync(new NewPunchoutSession(partner.Id, request.Document.DeploymentMode, "cxml", operation,
            partner.Id, contract, setup.ReturnUrl, BuyerCookie: setup.BuyerCookie, StartProduct: selected, Cart: cart), cancellationToken);
        LogOpened(id, partner.Id, operation, restored);
        if (restored < cart.Count) LogNotRestored(id, cart.Count - restored);

        var baseUrl = options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : request.HubUrl; // behind a proxy
        var url = $"{baseUrl}/punchout/start?token={Uri.EscapeDataString(token)}";
        return answers.Ok(CxmlPunchout.SetupResponse(url));
    }

    // An auxiliary id the hub issued is split back into the catalog's own and the line's reference, which the restored line keeps.
    private static List<RestoredLine> Restored(IReadOnlyList<Canonical.CartLine> lines) =>
    [
        .. lines.Where(l => l.Item.Ids.SupplierPartId is { Length: > 0 } && l.Quantity > 0)
            .Select(l => Verification.CartLineReference.TryRead(l.Item.Ids.SupplierPartAuxiliaryId, out var catalog, out var reference)
                ? new RestoredLine(l.Item.Ids.SupplierPartId!, catalog, l.Quantity, reference)
                : new RestoredLine(l.Item.Ids.SupplierPartId!, catalog, l.Quantity)),
    ];

    private static string CatalogAuxiliaryId(string? auxiliaryId)
    {
        Verification.CartLineReference.TryRead(auxiliaryId, out var catalog, out _);
        return catalog;
    }

    [LoggerMessage(1, LogLevel.Warning, "cXML punchout for {Partner} refused: {Reason}")]
    private partial void LogRefused(string partner, string reason);

    [LoggerMessage(2, LogLevel.Information, "cXML punchout session {Session} opened for {Partner} ({Operation}, {Lines} cart lines restored)")]
    private partial void LogOpened(Guid session, string partner, string operation, int lines);

    [LoggerMessage(3, LogLevel.Warning, "cXML punchout session {Session}: {Missing} of the buyer's cart lines were left out (no such product in the catalog) or merged (the same product twice)")]
    private partial void LogNotRestored(Guid session, int missing);
}
