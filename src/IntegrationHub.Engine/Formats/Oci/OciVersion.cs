namespace IntegrationHub.Formats.Oci;

/// <summary>The OCI version a buyer speaks.</summary>
public enum OciVersion
{
    /// <summary>OCI 4.0.</summary>
    V40,

    /// <summary>OCI 5.0 (the 4.0 fields plus TAX, and the DETAILADD function).</summary>
    V50,
}

/// <summary>The OCI FUNCTION a buyer calls; <see cref="Login"/> when none is sent (a normal punchout).</summary>
public enum OciFunction
{
    /// <summary>No FUNCTION: the user logs in and shops.</summary>
    Login,

    /// <summary>DETAIL + PRODUCTID: open the product page.</summary>
    Detail,

    /// <summary>VALIDATE + PRODUCTID (+ QUANTITY): return the item's current fields.</summary>
    Validate,

    /// <summary>BACKGROUND_SEARCH + SEARCHSTRING: server-to-server search answered with an OCI form.</summary>
    BackgroundSearch,

    /// <summary>DETAILADD + PRODUCTID (OCI 5.0): detail page with add to cart.</summary>
    DetailAdd,

    /// <summary>SOURCING: a sourcing session.</summary>
    Sourcing,
}
