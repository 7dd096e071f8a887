using System.Security.Cryptography;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Kazgov.Platform.Security.Clients;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace Kazgov.Api.Security;

/// <summary>
/// The host's part of security (modules/Kazgov.Platform/Security/README.md): JWT bearer
/// authentication, the authorization policies, rate limits, and their place in the pipeline.
/// </summary>
internal static class SecuritySetup
{
    public static void AddKazgovSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<JwtSettings>()
            .Bind(configuration.GetSection(JwtSettings.SectionName))
            .PostConfigure(settings =>
            {
                // Development and Testing may run without a configured key: tokens then last until the process ends.
                if (string.IsNullOrEmpty(settings.SigningKey) && (environment.IsDevelopment() || environment.IsEnvironment("Testing")))
                {
                    settings.SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
                }
            })
            .Validate(settings => settings.AccessTokenMinutes is > 0 and <= 60, "Security:Jwt:AccessTokenMinutes must be between 1 and 60.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtSettings>, JwtKeysValidator>();
        services.AddSingleton<ITokenIssuer, JwtTokenIssuer>();
        services.AddSingleton<IClientAssertionValidator, ClientAssertions>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtSettings>, IClock>((options, jwt, clock) => ConfigureBearer(options, jwt.Value, clock));
        services.AddAuthorization(Policies.Register);
        services.AddKazgovRateLimiting(configuration);
        services.AddKazgovOpenApiSecurity();
    }

    /// <summary>
    /// Authentication first, so that the rate limiter partitions by actor and the idempotency
    /// middleware (after this) scopes keys by actor; the limiter before authorization, so that
    /// anonymous probing of protected endpoints is limited too.
    /// </summary>
    public static void UseKazgovSecurity(this WebApplication app)
    {
        // Fails the start with the validation message when the signing key is missing.
        _ = app.Services.GetRequiredService<IOptions<JwtSettings>>().Value;
        app.UseAuthentication();
        // Between the two: a client's requests are counted with the ones the limiter refuses.
        app.UseMiddleware<ClientUsageCounting>();
        app.UseRateLimiter();
        app.UseAuthorization();
    }

    private static void ConfigureBearer(JwtBearerOptions options, JwtSettings jwt, IClock clock)
    {
        var skew = TimeSpan.FromSeconds(30);
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            // The current key and the previous ones: tokens signed before a rotation stay valid until they expire.
            IssuerSigningKeys = jwt.ValidationKeys(),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            NameClaimType = ActorClaims.Subject,
            RoleClaimType = ActorClaims.Role,
            RequireExpirationTime = true,
            ClockSkew = skew,
            // Expiry is judged by the injected clock, so that tests can move time.
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = clock.GetCurrentInstant().ToDateTimeUtc();
                return expires is { } expiry && expiry.ToUniversalTime() + skew > now
                    && (notBefore is not { } start || start.ToUniversalTime() - skew <= now);
            },
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = ClientTokenCheck.ApplyAsync,
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var header = "Bearer realm=\"kazgov\"";
                LocalizedText detail;
                if (context.AuthenticateFailure is null)
                {
                    detail = new(
                        "Қатынау токенін жіберіңіз: Authorization: Bearer <токен> (POST /api/v1/auth/token)",
                        "Передайте токен доступа: Authorization: Bearer <токен> (POST /api/v1/auth/token)",
                        "Send an access token: Authorization: Bearer <token> (POST /api/v1/auth/token)");
                }
                else if (context.AuthenticateFailure is SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException)
                {
                    header += ", error=\"invalid_token\", error_description=\"The access token expired\"";
                    detail = new(
                        "Қатынау токенінің мерзімі өтті; жаңарту токенімен жаңасын алыңыз",
                        "Срок действия токена доступа истёк; получите новый по токену обновления",
                        "The access token expired; get a new one with the refresh token");
                }
                else
                {
                    header += ", error=\"invalid_token\", error_description=\"The access token is not valid\"";
                    detail = new("Қатынау токені жарамсыз", "Токен доступа недействителен", "The access token is not valid");
                }

                context.Response.Headers.WWWAuthenticate = header;
                await ProblemWriter.WriteAsync(context.HttpContext, SecurityProblems.Unauthenticated, detail);
            },
            OnForbidden = context => ProblemWriter.WriteAsync(context.HttpContext, SecurityProblems.Forbidden),
        };
    }
}

/// <summary>The signing keys: the current one long enough, previous ones too, no key id used twice.</summary>
internal sealed class JwtKeysValidator : IValidateOptions<JwtSettings>
{
    public ValidateOptionsResult Validate(string? name, JwtSettings options) =>
        options.KeyProblem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
