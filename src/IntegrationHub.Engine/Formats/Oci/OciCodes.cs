namespace IntegrationHub.Formats.Oci;

/// <summary>The diagnostic codes of the OCI reader and writer; the position's path is the form field's name.</summary>
public static class OciCodes
{
    /// <summary>HOOK_URL is missing or not an absolute http(s) URL.</summary>
    public const string HookUrl = "oci.login.hook-url";

    /// <summary>FUNCTION names no OCI function.</summary>
    public const string UnknownFunction = "oci.function.unknown";

    /// <summary>The function needs a parameter that is missing (PRODUCTID for DETAIL, SEARCHSTRING for BACKGROUND_SEARCH …).</summary>
    public const string FunctionParameter = "oci.function.parameter-missing";

    /// <summary>OCI_VERSION is neither 4.0 nor 5.0; read as the closest.</summary>
    public const string Version = "oci.version.unknown";

    /// <summary>A value is longer than the OCI field allows.</summary>
    public const string TooLong = "oci.field.too-long";

    /// <summary>A value was shortened to the OCI field's length (per the partner's option).</summary>
    public const string Truncated = "oci.field.truncated";

    /// <summary>A number field does not hold a number.</summary>
    public const string InvalidNumber = "oci.field.invalid-number";

    /// <summary>A field does not exist in the chosen OCI version and was left out.</summary>
    public const string NotInVersion = "oci.field.not-in-version";

    /// <summary>A value has characters the partner's charset cannot carry.</summary>
    public const string Unencodable = "oci.field.unencodable";

    /// <summary>A NEW_ITEM field has no usable item index.</summary>
    public const string BadIndex = "oci.field.bad-index";

    /// <summary>The page holds no OCI form fields at all.</summary>
    public const string NoItems = "oci.cart.no-fields";
}
