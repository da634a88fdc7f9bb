using System.Globalization;

namespace IntegrationHub.Formats.Cxml;

/// <summary>An amount with its currency; <see cref="Amount"/> is null when the text is not a number.</summary>
public sealed record CxmlMoney(decimal? Amount, string Raw, string Currency)
{
    internal static CxmlMoney? From(CxmlElement? holder)
    {
        var money = holder?.Name == "Money" ? holder : holder?.Element("Money");
        if (money is null) return null;
        var raw = money.InnerText.Trim();
        return new CxmlMoney(ParseAmount(raw), raw, money.Attribute("currency") ?? string.Empty);
    }

    /// <summary>Reads an amount as the guide allows it: commas are thousands separators and are dropped.</summary>
    public static decimal? ParseAmount(string raw) => CxmlValues.Decimal(raw);
}

/// <summary>A named Extrinsic; the element is kept whole (its content model is ANY).</summary>
public sealed record CxmlExtrinsic(string Name, string Value, CxmlElement Element)
{
    internal static IReadOnlyList<CxmlExtrinsic> AllIn(CxmlElement? parent) =>
        parent?.Map("Extrinsic", e => new CxmlExtrinsic(e.Attribute("name") ?? string.Empty, e.InnerText.Trim(), e)) ?? [];
}

/// <summary>An Address (inside ShipTo, BillTo) in the parts the hub uses; the element keeps the rest.</summary>
public sealed record CxmlAddress(string? AddressId, string? AddressIdDomain, string? IsoCountryCode, string Name, IReadOnlyList<string> DeliverTo,
    IReadOnlyList<string> Street, string City, string? State, string PostalCode, string Country, CxmlElement Element)
{
    internal static CxmlAddress? From(CxmlElement? holder)
    {
        var address = holder?.Name == "Address" ? holder : holder?.Element("Address");
        if (address is null) return null;
        var postal = address.Element("PostalAddress");
        return new CxmlAddress(address.Attribute("addressID"), address.Attribute("addressIDDomain"), address.Attribute("isoCountryCode"),
            address.Element("Name")?.InnerText.Trim() ?? string.Empty,
            postal?.Map("DeliverTo", e => e.InnerText.Trim()) ?? [],
            postal?.Map("Street", e => e.InnerText.Trim()) ?? [],
            postal?.Element("City")?.InnerText.Trim() ?? string.Empty,
            postal?.Element("State")?.InnerText.Trim(),
            postal?.Element("PostalCode")?.InnerText.Trim() ?? string.Empty,
            postal?.Element("Country")?.Attribute("isoCountryCode") ?? postal?.Element("Country")?.InnerText.Trim() ?? string.Empty,
            address);
    }
}

/// <summary>A Contact: role, name, e-mail addresses.</summary>
public sealed record CxmlContact(string? Role, string Name, IReadOnlyList<string> Emails, CxmlElement Element)
{
    internal static IReadOnlyList<CxmlContact> AllIn(CxmlElement? parent) =>
        parent?.Map("Contact", c => new CxmlContact(c.Attribute("role"), c.Element("Name")?.InnerText.Trim() ?? string.Empty,
            c.Map("Email", e => e.InnerText.Trim()), c)) ?? [];
}

/// <summary>An ItemID: the supplier's part, the supplier cookie (auxiliary ID) and the buyer's part.</summary>
public sealed record CxmlItemId(string SupplierPartId, string? SupplierPartAuxiliaryId, string? BuyerPartId)
{
    /// <summary>The ItemID element <see cref="From"/> reads: the holder itself when it is one, else its first ItemID child; null for none.</summary>
    internal static CxmlElement? HolderOf(CxmlElement? holder) => holder?.Name == "ItemID" ? holder : holder?.Element("ItemID");

    internal static CxmlItemId? From(CxmlElement? holder)
    {
        var id = HolderOf(holder);
        if (id is null) return null;
        return new CxmlItemId(id.Element("SupplierPartID")?.InnerText.Trim() ?? string.Empty,
            id.Element("SupplierPartAuxiliaryID")?.InnerText, id.Element("BuyerPartID")?.InnerText.Trim());
    }
}

/// <summary>A Classification (domain, optional code, value).</summary>
public sealed record CxmlClassification(string Domain, string? Code, string Value);

/// <summary>An ItemDetail: price, descriptions, unit, classifications, manufacturer, lead time, extrinsics.</summary>
public sealed record CxmlItemDetail(
    CxmlMoney? UnitPrice, string Description, string? ShortName, string? DescriptionLanguage, string UnitOfMeasure,
    decimal? PriceBasisQuantity, IReadOnlyList<CxmlClassification> Classifications, string? ManufacturerPartId, string? ManufacturerName,
    string? Url, int? LeadTimeDays, IReadOnlyList<CxmlExtrinsic> Extrinsics)
{
    internal static CxmlItemDetail? From(CxmlElement? detail)
    {
        if (detail is null) return null;
        var description = detail.Element("Description");
        return new CxmlItemDetail(
            CxmlMoney.From(detail.Element("UnitPrice")),
            description?.Text.Trim() ?? string.Empty,
            description?.Element("ShortName")?.InnerText.Trim(),
            description?.Attribute("xml:lang"),
            detail.Element("UnitOfMeasure")?.InnerText.Trim() ?? string.Empty,
            CxmlValues.Decimal(detail.Element("PriceBasisQuantity")?.Attribute("quantity")),
            detail.Map("Classification", c => new CxmlClassification(c.Attribute("domain") ?? string.Empty, c.Attribute("code"), c.InnerText.Trim())),
            detail.Element("ManufacturerPartID")?.InnerText.Trim(),
            detail.Element("ManufacturerName")?.InnerText.Trim(),
            detail.Element("URL")?.InnerText.Trim(),
            int.TryParse(detail.Element("LeadTime")?.InnerText.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) ? days : null,
            CxmlExtrinsic.AllIn(detail));
    }
}

/// <summary>A Distribution line: the Accounting name, its segments (AccountingSegment or the deprecated Segment) and the Charge.</summary>
public sealed record CxmlDistribution(string AccountingName, IReadOnlyList<KeyValuePair<string, string>> Segments, CxmlMoney? Charge)
{
    internal static IReadOnlyList<CxmlDistribution> AllIn(CxmlElement? parent) =>
        parent?.Map("Distribution", d =>
        {
            var accounting = d.Element("Accounting");
            var segments = accounting?.Elements.Select(s => s.Name == "Segment"
                ? new KeyValuePair<string, string>(s.Attribute("type") ?? string.Empty, s.Attribute("id") ?? string.Empty)
                : new KeyValuePair<string, string>(s.Element("Name")?.InnerText.Trim() ?? string.Empty, s.Attribute("id") ?? string.Empty)).ToList() ?? [];
            return new CxmlDistribution(accounting?.Attribute("name") ?? string.Empty, segments, CxmlMoney.From(d.Element("Charge")));
        }) ?? [];
}

/// <summary>A ScheduleLine of an ItemOut: quantity, requested delivery date, line number.</summary>
public sealed record CxmlScheduleLine(decimal? Quantity, string? RequestedDeliveryDate, string? LineNumber);

/// <summary>An ItemIn (cart line) or ItemOut (order line); the element keeps everything not modelled here.</summary>
public sealed record CxmlItem(
    decimal? Quantity, string? LineNumber, string? RequestedDeliveryDate, CxmlItemId? ItemId, CxmlItemDetail? Detail,
    CxmlAddress? ShipTo, CxmlMoney? Shipping, CxmlMoney? Tax, IReadOnlyList<CxmlDistribution> Distributions,
    IReadOnlyList<CxmlScheduleLine> ScheduleLines, string? Comments, IReadOnlyList<CxmlExtrinsic> Extrinsics, CxmlElement Element);

/// <summary>Attribute and number helpers shared by the typed views.</summary>
internal static class CxmlValues
{
    public static decimal? Decimal(string? raw)
    {
        if (raw is null) return null;
        if (TryPlainDecimal(raw, out var plain)) return plain;
        var text = raw.Contains(',', StringComparison.Ordinal) ? raw.Replace(",", "", StringComparison.Ordinal) : raw;
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>
    /// The form nearly every quantity and amount has (<c>2</c>, <c>1065.00</c>, <c>-3.5</c>): ASCII digits, at most one point,
    /// at most 18 digits. Gives the value and scale decimal.Parse gives; anything else (signs it would not take, separators,
    /// white space, exponents, negative zero) is left to it.
    /// </summary>
    internal static bool TryPlainDecimal(ReadOnlySpan<char> raw, out decimal value)
    {
        value = 0;
        var negative = raw.Length > 0 && raw[0] == '-';
        if (negative) raw = raw[1..];
        if (raw.IsEmpty || raw.Length > 19) return false;
        long mantissa = 0;
        var digits = 0;
        var scale = -1;
        foreach (var character in raw)
        {
            if (character == '.')
            {
                if (scale >= 0) return false;
                scale = 0;
                continue;
            }
            if (!char.IsAsciiDigit(character)) return false;
            mantissa = mantissa * 10 + (character - '0');
            digits++;
            if (scale >= 0) scale++;
        }
        if (digits is 0 or > 18 || (negative && mantissa == 0)) return false;
        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }

    public static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
