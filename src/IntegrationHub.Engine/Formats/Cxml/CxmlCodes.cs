namespace IntegrationHub.Formats.Cxml;

/// <summary>The diagnostic codes the cXML reader and writer report; <see cref="CxmlStatusTable"/> maps each to a cXML Status.</summary>
public static class CxmlCodes
{
    /// <summary>The bytes are not well-formed XML.</summary>
    public const string Malformed = "cxml.xml.malformed";

    /// <summary>The document is larger than the reader's bound.</summary>
    public const string TooLarge = "cxml.xml.too-large";

    /// <summary>The document nests deeper than the reader's bound.</summary>
    public const string TooDeep = "cxml.xml.too-deep";

    /// <summary>The DOCTYPE's internal subset declares entities; cXML allows none, and they are refused.</summary>
    public const string EntityDeclared = "cxml.xml.entity-declared";

    /// <summary>The DOCTYPE names no known cXML DTD (a private DTD); read anyway.</summary>
    public const string PrivateDtd = "cxml.doctype.private";

    /// <summary>The document has no DOCTYPE; read anyway.</summary>
    public const string MissingDoctype = "cxml.doctype.missing";

    /// <summary>The root element is not cXML (for example a static Index or Supplier document).</summary>
    public const string NotEnvelope = "cxml.envelope.not-cxml";

    /// <summary>A required attribute or element of the envelope is absent or empty.</summary>
    public const string EnvelopeRequired = "cxml.envelope.required";

    /// <summary>The timestamp is not in the form the cXML guide asks for; it was read leniently.</summary>
    public const string TimestampNonstandard = "cxml.timestamp.nonstandard";

    /// <summary>The timestamp could not be read in any known form.</summary>
    public const string TimestampUnreadable = "cxml.timestamp.unreadable";

    /// <summary>A required attribute or element of a document is absent or empty.</summary>
    public const string Required = "cxml.document.required";

    /// <summary>A value has the wrong form (a quantity, an amount, a code).</summary>
    public const string InvalidValue = "cxml.document.invalid-value";

    /// <summary>Two elements that must be unique share a key (line numbers, for example).</summary>
    public const string Duplicate = "cxml.document.duplicate";

    /// <summary>The payload is a cXML document the hub does not model; it is kept as a tree.</summary>
    public const string Unsupported = "cxml.document.unsupported";

    /// <summary>The sender's credentials are not recognised.</summary>
    public const string Unauthorized = "cxml.auth.unauthorized";

    /// <summary>The sender is known but may not do this.</summary>
    public const string Forbidden = "cxml.auth.forbidden";

    /// <summary>The hub's state prevents the request (a payloadID replayed with other content, for example).</summary>
    public const string Conflict = "cxml.state.conflict";

    /// <summary>An edit or inspect session was requested where only create was allowed.</summary>
    public const string PreconditionFailed = "cxml.state.precondition-failed";

    /// <summary>The operation is valid cXML but the hub does not implement it.</summary>
    public const string NotImplemented = "cxml.operation.not-implemented";

    /// <summary>The sender (or the client address) has sent more requests than its limit allows for now; it may retry later.</summary>
    public const string TooManyRequests = "cxml.limit.too-many-requests";
}
