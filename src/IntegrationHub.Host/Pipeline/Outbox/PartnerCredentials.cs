using System.Net.Http.Headers;
using System.Text;
using IntegrationHub.Partners;

namespace IntegrationHub.Pipeline.Outbox;

/// <summary>
/// Puts the credentials a partner file names for an endpoint (<c>endpoints.credentials.x12</c>) on a request: Basic with
/// the user and the secret, or the secret in the named header. The secret is read from configuration (or the
/// environment) for each request, kept nowhere else, and never logged or recorded with an attempt.
/// </summary>
internal static class PartnerCredentials
{
    /// <summary>Adds the credentials; returns why it could not (the secret is not configured), or null.</summary>
    public static string? Apply(HttpRequestMessage request, EndpointCredentials? credentials, IConfiguration configuration)
    {
        if (credentials is null) return null;
        var secret = configuration[credentials.Secret];
        if (string.IsNullOrEmpty(secret))
            return $"The partner's endpoint credentials name {credentials.Secret}, which is not configured (set it in configuration or the environment, then replay).";
        if (credentials.Scheme == EndpointCredentials.Basic)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.User}:{secret}")));
        else
            request.Headers.TryAddWithoutValidation(credentials.Header, secret);
        return null;
    }
}
