using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace IntegrationHub.Hosting;

/// <summary>The OpenAPI document: its title, and the admin key as the security scheme of every guarded operation.</summary>
internal static class OpenApiSetup
{
    private const string AdminScheme = "AdminKey";

    public static IServiceCollection AddHubOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "IntegrationHub API";
                document.Info.Description = "The hub's HTTP API. Admin operations take the admin key in the X-Api-Key header.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[AdminScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = AdminAuthenticationHandler.ApiKeyHeader,
                    Description = "The admin key (Hub:AdminApiKey, or the one printed at start by the embedded default).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AdminScheme, context.Document)] = [] });
                    operation.Responses ??= new OpenApiResponses();
                    operation.Responses["401"] = new OpenApiResponse { Description = "No admin key, or not the right one." };
                }
                return Task.CompletedTask;
            });
        });
}
