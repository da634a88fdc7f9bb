using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Stores;

/// <summary>What the hub posts to the order store (docs/stores.md): one canonical order or order change.</summary>
/// <param name="HubOrderId">The hub's id of this order; stable across retries.</param>
/// <param name="PartnerId">The buyer, as the hub's partner files name it.</param>
/// <param name="Kind"><c>order</c> (a new, changed or cancelled order restated in full) or <c>change</c> (an X12 860).</param>
/// <param name="OrderNumber">The buyer's order number.</param>
/// <param name="Document">The canonical document (docs/canonical-model.md).</param>
/// <param name="Review">Where the order differs from the punchout cart it came from or from the buyer's current prices, for someone to
/// review (the order is to be taken all the same); null (left out) when there is nothing to review.</param>
public sealed record OrderStoreRequest(long HubOrderId, string PartnerId, string Kind, string OrderNumber, JsonElement Document,
    IReadOnlyList<OrderReviewFlag>? Review = null);

/// <summary>One difference the hub found on an order line (docs/stores.md#review-flags).</summary>
/// <param name="Kind"><c>notInCart</c>, <c>quantity</c>, <c>unitOfMeasure</c>, <c>unitPrice</c> or <c>currency</c>.</param>
/// <param name="LineNumber">The buyer's line number.</param>
/// <param name="Source">What the line was compared with: <c>cart</c> (the punchout cart) or <c>priceList</c> (the buyer's price today).</param>
/// <param name="Expected">What the cart or the price list says; null for a line that was not in the cart.</param>
/// <param name="Actual">What the order says.</param>
public sealed record OrderReviewFlag(string Kind, string LineNumber, string Source, string? Expected, string? Actual);

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
