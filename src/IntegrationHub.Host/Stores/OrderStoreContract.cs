using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Stores;

/// <summary>What the hub posts to the order store (docs/stores.md): one canonical order or order change.</summary>
/// <param name="HubOrderId">The hub's id of this order; stable across retries.</param>
/// <param name="PartnerId">The buyer, as the hub's partner files name it.</param>
/// <param name="Kind"><c>order</c> (a new, changed or cancelled order restated in full) or <c>change</c> (an X12 860).</param>
/// <param name="OrderNumber">The buyer's order number.</param>
/// <param name="Document">The canonical document (docs/canonical-model.md).</param>
public sealed record OrderStoreRequest(long HubOrderId, string PartnerId, string Kind, string OrderNumber, JsonElement Document);

/// <summary>The store's answer about one line.</summary>
public sealed record OrderStoreLine(string LineNumber, string Status, decimal? Quantity = null, string? Note = null);

/// <summary>The store's answer: what it did with the order.</summary>
/// <param name="Status"><c>accepted</c>, <c>rejected</c>, <c>changed</c> or <c>backordered</c>.</param>
/// <param name="StoreOrderId">The store's own id for the order, if it has one.</param>
/// <param name="Message">A note for the buyer (a reason for a rejection).</param>
/// <param name="Lines">Lines the store answers for one by one (changed, backordered or rejected lines).</param>
public sealed record OrderStoreAnswer(string Status, string? StoreOrderId = null, string? Message = null, IReadOnlyList<OrderStoreLine>? Lines = null)
{
    public static IReadOnlySet<string> Statuses { get; } = new HashSet<string>(StringComparer.Ordinal) { "accepted", "rejected", "changed", "backordered" };
}

/// <summary>How one call to the store ended.</summary>
public abstract record OrderStoreResult
{
    /// <summary>The store took the order and answered.</summary>
    public sealed record Answered(OrderStoreAnswer Answer, int HttpStatus, string Body) : OrderStoreResult;

    /// <summary>Worth trying again later: the store is down, slow, overloaded or failing.</summary>
    public sealed record Transient(string Reason, int? HttpStatus) : OrderStoreResult;

    /// <summary>Trying again will not help: the store refused the order as it is (bad data), or answered nonsense.</summary>
    public sealed record Permanent(string Reason, int? HttpStatus) : OrderStoreResult;
}

[JsonSerializable(typeof(OrderStoreRequest))]
[JsonSerializable(typeof(OrderStoreAnswer))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class OrderStoreJson : JsonSerializerContext;
