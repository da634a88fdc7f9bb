using System.Text;

namespace IntegrationHub.Hosting;

/// <summary>The user and password of an HTTP Basic <c>Authorization</c> header, read within a fixed bound.</summary>
internal static class BasicCredentials
{
    /// <summary>The credentials, or null when the header is not Basic or not valid base64 of <c>user:password</c>.</summary>
    public static (string User, string Password)? Parse(string authorization)
    {
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        Span<byte> decoded = stackalloc byte[256];
        var encoded = authorization["Basic ".Length..].Trim();
        if (encoded.Length > 340 || !Convert.TryFromBase64String(encoded, decoded, out var written)) return null;
        var credentials = Encoding.UTF8.GetString(decoded[..written]);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : (credentials[..colon], credentials[(colon + 1)..]);
    }
}
