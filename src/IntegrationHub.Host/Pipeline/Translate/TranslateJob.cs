using System.Text.Json;
using Dapper;
using Hangfire;
using IntegrationHub.Canonical;
using IntegrationHub.Documents;
using IntegrationHub.Mapping;
using IntegrationHub.Pipeline.Dispatch;
using IntegrationHub.Pipeline.Inbox;
using IntegrationHub.Translation;
using Npgsql;

namespace IntegrationHub.Pipeline.Translate;

/// <summary>
/// Translates a received message into its canonical orders and order changes (one per cXML OrderRequest, one per 850 or
/// 860 set) with the partner's maps, and queues each for delivery. Idempotent: it works only on a message still in
/// <c>received</c>, under a row lock, and an order already made from a set is not made again. A document the maps cannot
/// translate is parked with its diagnostics; the sets of a file that did translate are delivered all the same.
/// </summary>
[AutomaticRetry(Attempts = 5)]
internal sealed partial class TranslateJob(NpgsqlDataSource dataSource, MappingsProvider mappings, PipelineJobs jobs,
    Features.StoreDocuments.StoreDocumentIntake storeDocuments, ILogger<TranslateJob> logger)
{
    /// <summary>The canonical documents this job hands to the order store, by the document types the maps produce.</summary>
    private static readonly Dictionary<Type, string> Kinds = new() { [typeof(Order)] = "order", [typeof(OrderChange)] = "change" };

    /// <summary>The canonical documents a vendor (partner role vendor: a 3PL warehouse, a drop-ship vendor) sends about the supplier's orders.</summary>
    private static readonly HashSet<Type> VendorKinds = [typeof(Shipment), typeof(Invoice), typeof(OrderAcknowledgment)];

    public Task RunAsync(long messageId, CancellationToken cancellationToken) => RunAsync((long?)messageId, cancellationToken);

    /// <summary>Translates the oldest received message no other worker holds; false when there is none.</summary>
    public Task<bool> RunNextAsync(PipelineClaim claim, CancellationToken cancellationToken) => RunAsync(null, cancellationToken, claim);

    private async Task<bool> RunAsync(long? wanted, CancellationToken cancellationToken, PipelineClaim? claim = null)
    {
        List<long> made;
        var received = new List<Features.StoreDocuments.StoreDocumentIntake.Outcome>();
        long messageId;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var message = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
                SELECT id, protocol, partner_id AS PartnerId, document_type AS DocumentType, raw, diagnostics::text AS Diagnostics FROM hub.message
                WHERE (CAST(@Id AS bigint) IS NULL OR id = @Id) AND direction = 'in' AND status = 'received'
                  AND NOT (id = ANY(@SetAside))
                ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
                """, new { Id = wanted, SetAside = claim?.SetAside ?? [] }, transaction, cancellationToken: cancellationToken));
            if (message is not { } found) return false; // done already, parked, or another worker has it
            messageId = found.Id;
            if (claim is not null) claim.Id = messageId;
            // A replayed message matches its vendor documents again: what the last matching found is not kept beside what this one finds.
            var intake = (JsonSerializer.Deserialize<List<DiagnosticsJson.Entry>>(found.Diagnostics, JsonSerializerOptions.Web) ?? [])
                .Where(e => !VendorFindingCodes.Contains(e.Code)).ToList();
            var outcome = Translate(found.Protocol, found.PartnerId, found.Raw, X12ControlKeys.Rejected(intake));
            // The partner's 997/999/TA1 are matched to the sets the hub sent, not translated.
            var acknowledged = found.Protocol == "x12" && CarriesAcknowledgments(found.DocumentType)
                ? await Outbox.SentSets.MatchAsync(transaction, messageId, found.PartnerId, found.Raw, cancellationToken)
                : ([], []);
            made = [];
            foreach (var document in outcome.Documents)
            {
                var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
                    INSERT INTO hub.purchase_order (message_id, sequence, partner_id, kind, order_number, canonical, idempotency_key, status)
                    VALUES (@MessageId, @Sequence, @PartnerId, @Kind, @OrderNumber, CAST(@Canonical AS jsonb), @Key, 'pending')
                    ON CONFLICT (message_id, sequence) DO NOTHING RETURNING id
                    """, new
                {
                    MessageId = messageId, document.Sequence, found.PartnerId, document.Kind, document.OrderNumber, document.Canonical,
                    Key = $"{found.PartnerId}/{messageId}/{document.Sequence}",
                }, transaction, cancellationToken: cancellationToken));
                if (id is { } orderId) made.Add(orderId);
            }
            var vendorFindings = new List<DiagnosticsJson.Entry>();
            foreach (var (sequence, document) in outcome.VendorDocuments)
            {
                var name = $"{found.DocumentType.Split(',')[0]} #{sequence + 1}";
                Features.StoreDocuments.StoreDocumentIntake.Outcome result;
                try
                {
                    result = await storeDocuments.ReceiveFromVendorAsync(transaction, new(found.PartnerId, messageId), document, cancellationToken);
                }
                catch (JsonException ex)
                {
                    vendorFindings.Add(new("error", "pipeline.document.unidentified", ex.Message, "", name));
                    continue;
                }
                if (result.Unmatched is { } unmatched) vendorFindings.Add(new("error", "pipeline.order.unknown", unmatched, "", name));
                else if (result.Conflict)
                    vendorFindings.Add(new("error", "pipeline.document.conflict", $"Received before (store document {result.Id}) with another document.", "", name));
                else if (!result.Duplicate) received.Add(result);
            }
            var failed = outcome.Failed || vendorFindings.Count > 0;
            var status = failed ? InboundMessages.Parked : InboundMessages.Translated;
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE hub.message SET status = @Status, diagnostics = CAST(@Diagnostics AS jsonb), reference = coalesce(reference, @Reference),
                       last_error = @Error, updated_at = now()
                WHERE id = @Id
                """, new
            {
                Id = messageId, Status = status,
                Diagnostics = DiagnosticsJson.Write([.. intake, .. outcome.Diagnostics, .. acknowledged.Diagnostics, .. vendorFindings]),
                Reference = outcome.Documents.FirstOrDefault()?.OrderNumber,
                Error = outcome.Failed ? "The document did not translate; see its diagnostics."
                    : failed ? "A vendor's document did not match an order; see its diagnostics." : null,
            }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            if (failed) LogParked(messageId, found.PartnerId);
            foreach (var rejected in acknowledged.Verdicts.Where(v => v.Status == Outbox.SentSets.Rejected))
                LogRejected(found.PartnerId, rejected.SetId, rejected.SetControlNumber, rejected.MessageId, rejected.Code);
        }
        if (made.Count > 0) jobs.Deliver(made[0]); // one wake-up: a lane that wakes delivers every due order
        foreach (var forwarded in received) storeDocuments.Wake(forwarded);
        return true;
    }

    private sealed record Row(long Id, string Protocol, string PartnerId, string DocumentType, byte[] Raw, string Diagnostics);

    private static readonly HashSet<string> VendorFindingCodes = ["pipeline.order.unknown", "pipeline.document.conflict", "pipeline.document.unidentified"];

    // An X12 file's document type lists its set ids; one with no sets ("unknown") may be TA1s. Only these are read for acknowledgments.
    private static bool CarriesAcknowledgments(string documentType) =>
        documentType == "unknown" || documentType.Split(',').Any(X12Acknowledgments.IsAcknowledgment);

    private sealed record Made(int Sequence, string Kind, string OrderNumber, string Canonical);

    private sealed record Outcome(List<Made> Documents, List<(int Sequence, object Document)> VendorDocuments, List<DiagnosticsJson.Entry> Diagnostics,
        bool Failed);

    private Outcome Translate(string protocol, string partnerId, byte[] raw, IReadOnlySet<string> rejectedAsDuplicates)
    {
        var library = mappings.Current.Maps;
        var vendor = mappings.Current.Partners.Find(partnerId)?.Role == Partners.PartnerRole.Vendor;
        var documents = new List<Made>();
        var vendorDocuments = new List<(int, object)>();
        var diagnostics = new List<DiagnosticsJson.Entry>();
        var failed = false;
        var sequence = -1;
        // One document's tree at a time: each is mapped and let go before the next is laid out (into the same nodes).
        foreach (var tree in FormatTrees.Each(protocol, raw))
        {
            sequence++;
            var name = $"{tree.DocumentType ?? "document"} #{sequence + 1}";
            if (protocol == "x12" && X12Acknowledgments.IsAcknowledgment(tree.DocumentType ?? "")) continue; // matched, not translated
            // Envelope and set findings were recorded (and acknowledged) at intake; a set they reject is not translated.
            if (!tree.Readable || tree.Tree is null || rejectedAsDuplicates.Contains(name))
            {
                diagnostics.Add(new("warning", "pipeline.document.rejected", "The document was rejected at intake and is not translated.", "", name));
                continue;
            }
            var map = library.Find(protocol, tree.DocumentType ?? string.Empty, tree.Version, MapDirection.Inbound, partnerId);
            var kind = map is null ? null : Kinds.GetValueOrDefault(map.Produces);
            var fromVendor = map is not null && vendor && VendorKinds.Contains(map.Produces);
            if (map is null || (kind is null && !fromVendor))
            {
                failed = true;
                diagnostics.Add(new("error", "pipeline.map.missing",
                    map is null ? $"No inbound map for {protocol} {tree.DocumentType} {tree.Version}."
                        : $"{tree.DocumentType} is not a purchase order or change{(vendor ? "" : " (ship notices, invoices and acknowledgments come from partners with role vendor)")}.",
                    "", name));
                continue;
            }
            var (document, found) = map.Run(tree.Tree);
            diagnostics.AddRange(found.Select(d => DiagnosticsJson.From(d, name)));
            if (document is null || found.Any(d => d.Severity == Severity.Error))
            {
                failed = true;
                continue;
            }
            if (kind is null)
            {
                vendorDocuments.Add((sequence, document));
                continue;
            }
            var number = document switch { Order order => order.OrderNumber, OrderChange change => change.OrderNumber, _ => string.Empty };
            documents.Add(new Made(sequence, kind, number, JsonSerializer.Serialize(document, map.Produces, CanonicalJson.Options)));
        }
        return new Outcome(documents, vendorDocuments, diagnostics, failed);
    }

    [LoggerMessage(2, LogLevel.Warning, "{PartnerId} rejected set {SetId} {SetControlNumber} of outbound message {MessageId} (code {Code})")]
    private partial void LogRejected(string partnerId, string setId, string setControlNumber, long messageId, string code);

    [LoggerMessage(1, LogLevel.Warning, "Message {MessageId} from {PartnerId} did not translate and is parked")]
    private partial void LogParked(long messageId, string partnerId);
}
