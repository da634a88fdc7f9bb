namespace IntegrationHub.Features.OrderReview;

/// <summary>
/// How orders are linked to punchout sessions (<c>OrderReview</c>): an order that names no session, and whose lines carry no
/// SupplierPartAuxiliaryID the hub issued, is matched by its parts within the partner's sessions of the last
/// <c>RecentSessionDays</c> days.
/// </summary>
internal sealed class OrderReviewOptions
{
    public const string Section = "OrderReview";

    public int RecentSessionDays { get; set; } = 30;
}
