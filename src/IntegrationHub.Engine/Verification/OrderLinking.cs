using IntegrationHub.Canonical;

namespace IntegrationHub.Verification;

/// <summary>A line of a cart a punchout session returned to the buyer, as the hub kept it when the cart went back.</summary>
/// <param name="SessionId">The punchout session.</param>
/// <param name="BuyerCookie">The session's BuyerCookie, when the buyer sent one.</param>
/// <param name="ReturnedAt">When the cart went back to the buyer.</param>
/// <param name="LineNumber">The cart line's number.</param>
/// <param name="Reference">The line's reference (<see cref="CartLineReference"/>).</param>
/// <param name="SupplierPartId">The product's SupplierPartID.</param>
/// <param name="CatalogAuxiliaryId">The product's own auxiliary id in the catalog ('' for none).</param>
/// <param name="Quantity">The quantity in the cart.</param>
/// <param name="UnitOfMeasure">The unit the cart showed; null when the cart went back before the hub kept it.</param>
/// <param name="UnitPrice">The buyer's unit price the cart showed; null likewise.</param>
public sealed record SessionCartLine(Guid SessionId, string? BuyerCookie, DateTimeOffset ReturnedAt, int LineNumber, string Reference, string SupplierPartId,
    string CatalogAuxiliaryId, decimal Quantity, string? UnitOfMeasure, Money? UnitPrice);

/// <summary>How an order line found its cart line.</summary>
public static class LinkedBy
{
    /// <summary>The SupplierPartAuxiliaryID the hub issued for the cart line.</summary>
    public const string AuxiliaryId = "auxiliaryId";

    /// <summary>The part, within the session the order's header names (cXML PunchOutSessionID Extrinsic, X12 REF).</summary>
    public const string SessionReference = "sessionReference";

    /// <summary>The part, within the session the order's other lines came from.</summary>
    public const string SameSession = "sameSession";

    /// <summary>The part, within the partner's recent sessions: the latest cart that had it.</summary>
    public const string RecentSession = "recentSession";
}

/// <summary>One order line and the cart line it came from (none when it matches no cart line).</summary>
public sealed record LineLink(int LineIndex, string LineNumber, SessionCartLine? CartLine, string? LinkedBy);

/// <summary>The punchout session an order came from (null: none) and the cart line of each of its lines.</summary>
public sealed record OrderLink(Guid? SessionId, IReadOnlyList<LineLink> Lines)
{
    public bool Linked => SessionId is not null;
}

/// <summary>
/// Finds the punchout cart line each order line came from, in three steps: the SupplierPartAuxiliaryID the hub issued
/// (<see cref="CartLineReference"/>); else the part within the session the order's header names, or within the session the
/// order's other lines came from; else, for an order that names no session at all, the part within the partner's recent
/// sessions, latest first. A cart line serves one order line at most. Pure: the caller loads the candidate lines.
/// </summary>
public static class OrderLinking
{
    /// <param name="order">The canonical order.</param>
    /// <param name="sessionReferences">What the order's header says its session is (the hub's session id or the session's BuyerCookie).</param>
    /// <param name="candidates">Lines of the partner's returned carts: those with the references the order carries, those of the sessions it
    /// names, and those of its recent sessions with its parts.</param>
    /// <param name="recentSince">How far back the last step looks.</param>
    public static OrderLink Link(Order order, IReadOnlyCollection<string> sessionReferences, IReadOnlyList<SessionCartLine> candidates,
        DateTimeOffset recentSince)
    {
        var count = order.Lines.Count;
        var found = new SessionCartLine?[count];
        var by = new string?[count];
        var used = new HashSet<(Guid, int)>();
        var latestFirst = candidates.OrderByDescending(c => c.ReturnedAt).ThenBy(c => c.LineNumber).ToList();

        void Take(int index, SessionCartLine line, string how)
        {
            found[index] = line;
            by[index] = how;
            used.Add((line.SessionId, line.LineNumber));
        }

        for (var i = 0; i < count; i++)
        {
            if (!CartLineReference.TryRead(order.Lines[i].Item.Ids.SupplierPartAuxiliaryId, out _, out var reference)) continue;
            if (latestFirst.FirstOrDefault(c => c.Reference == reference && !used.Contains((c.SessionId, c.LineNumber))) is { } line)
                Take(i, line, LinkedBy.AuxiliaryId);
        }

        var namedIds = sessionReferences.Select(r => Guid.TryParse(r, out var id) ? id : (Guid?)null).OfType<Guid>().ToHashSet();
        var named = latestFirst.FirstOrDefault(c => namedIds.Contains(c.SessionId)
                                                    || (c.BuyerCookie is { } cookie && sessionReferences.Contains(cookie)))?.SessionId;
        var session = named ?? MostLines(found);
        for (var i = 0; i < count; i++)
        {
            if (found[i] is not null) continue;
            var line = order.Lines[i];
            var candidate = latestFirst.FirstOrDefault(c => !used.Contains((c.SessionId, c.LineNumber)) && SamePart(line, c)
                && (session is { } chosen ? c.SessionId == chosen : c.ReturnedAt >= recentSince));
            if (candidate is null) continue;
            Take(i, candidate, session is null ? LinkedBy.RecentSession : named is null ? LinkedBy.SameSession : LinkedBy.SessionReference);
        }

        session ??= MostLines(found);
        return new OrderLink(session, [.. order.Lines.Select((l, i) => new LineLink(i, l.LineNumber, found[i], by[i]))]);
    }

    // The session most of the linked lines came from (the latest of equals); null when none is linked.
    private static Guid? MostLines(IEnumerable<SessionCartLine?> lines) =>
        lines.OfType<SessionCartLine>().GroupBy(l => l.SessionId)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Max(l => l.ReturnedAt))
            .Select(g => (Guid?)g.Key).FirstOrDefault();

    // The same SupplierPartID, and the same catalog auxiliary id when the order line names one.
    private static bool SamePart(OrderLine line, SessionCartLine cart)
    {
        if (!string.Equals(line.Item.Ids.SupplierPartId, cart.SupplierPartId, StringComparison.Ordinal)) return false;
        CartLineReference.TryRead(line.Item.Ids.SupplierPartAuxiliaryId, out var auxiliary, out _);
        return auxiliary.Length == 0 || auxiliary == cart.CatalogAuxiliaryId;
    }
}
