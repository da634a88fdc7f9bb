using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace IntegrationHub.Hosting;

/// <summary>
/// Authenticates administrators by the admin key, given as <c>X-Api-Key</c>, as a bearer token, or as the password of
/// HTTP Basic authentication (any user name), which lets a browser open the dashboard through its own login prompt.
/// </summary>
internal sealed class AdminAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminKey key) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AdminKey";
    public const string Policy = "Admin";
    public const string ApiKeyHeader = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request.Headers);
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        if (!key.Matches(presented)) return Task.FromResult(AuthenticateResult.Fail("The admin key does not match."));

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, "admin")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"IntegrationHub admin\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    internal static string? PresentedKey(IHeaderDictionary headers)
    {
        var apiKey = headers[ApiKeyHeader].ToString();
        if (apiKey.Length > 0) return apiKey;

        var authorization = headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization["Bearer ".Length..].Trim();
        if (BasicCredentials.Parse(authorization) is { } basic) return basic.Password;
        return null;
    }
}
