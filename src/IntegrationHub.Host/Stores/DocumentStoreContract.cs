using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Stores;

/// <summary>How the hub polls a shipment or invoice store: <c>Stores:Shipments:Poll</c>, <c>Stores:Invoices:Poll</c>.</summary>
public sealed class StorePollOptions
{
    /// <summary>Poll the store on <see cref="Cron"/>; off by default (the store pushes).</summary>
    public bool Enabled { get; set; }

    /// <summary>When to poll, as a cron expression (five fields, UTC); every five minutes by default.</summary>
    public string Cron { get; set; } = "*/5 * * * *";

    /// <summary>Records asked for per page.</summary>
    public int PageSize { get; set; } = 100;
}

/// <summary>The configuration of a shipment or invoice store (docs/stores.md): where it is, and whether the hub polls it.</summary>
public abstract class DocumentStoreOptions
{
    /// <summary>The store's base address, such as <c>https://erp.example/hub/</c>; empty: the store is neither polled nor posted to.</summary>
    public Uri? BaseUrl { get; set; }

    public StorePollOptions Poll { get; set; } = new();
}

/// <summary>The <c>Stores:Shipments</c> configuration section.</summary>
public sealed class ShipmentStoreOptions : DocumentStoreOptions
{
    public const string Section = "Stores:Shipments";
}

/// <summary>The <c>Stores:Invoices</c> configuration section.</summary>
public sealed class InvoiceStoreOptions : DocumentStoreOptions
{
    public const string Section = "Stores:Invoices";
}

/// <summary>
/// One page of a shipment or invoice store's records since a cursor: each record is what the store would push (a
/// canonical shipment or invoice), kept as JSON so that one bad record is skipped on its own.
/// </summary>
public sealed record DocumentStorePage(IReadOnlyList<JsonElement>? Records, string? NextCursor, bool HasMore);

/// <summary>What the hub posts to the shipment or invoice store about a vendor's document (docs/stores.md).</summary>
/// <param name="HubDocumentId">The hub's id of the document; stable across retries.</param>
/// <param name="VendorId">The vendor (3PL warehouse, drop-ship vendor) that sent it, as the hub's partner files name it.</param>
/// <param name="PartnerId">The buyer whose order it is.</param>
/// <param name="OrderNumber">The buyer's order number.</param>
/// <param name="Document">The canonical shipment or invoice (docs/canonical-model.md), as the vendor's document was mapped.</param>
public sealed record StoreDocumentRequest(long HubDocumentId, string VendorId, string PartnerId, string OrderNumber, JsonElement Document);

/// <summary>How a delivery to a store ended.</summary>
public enum StoreDeliveryOutcome
{
    Delivered,

    /// <summary>Worth trying again later: the store is down, slow, overloaded or failing.</summary>
    Transient,

    /// <summary>Trying again will not help: the store refused the document as it is.</summary>
    Permanent,
}

/// <summary>How one call to a store ended, with what to record.</summary>
public sealed record StoreDeliveryResult(StoreDeliveryOutcome Outcome, string Detail, int? HttpStatus);

[JsonSerializable(typeof(StoreDocumentRequest))]
[JsonSerializable(typeof(DocumentStorePage))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class DocumentStoreJson : JsonSerializerContext;
