using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Web.Infrastructure.Authorization;
using Mys.Signing.Web.Infrastructure.Cards;
using Mys.Signing.Web.Signing;

namespace Mys.Signing.Web.Infrastructure.Http;

/// <summary>The web app's own plumbing: pages, problem details, health checks, proxies, the middleware order, the endpoints.</summary>
public static class WebRegistration
{
    public static IServiceCollection AddMysWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        // Turkish letters (ç ğ ı İ ö ş ü) are written as they are, not as numeric entities.
        services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(
            System.Text.Unicode.UnicodeRanges.BasicLatin, System.Text.Unicode.UnicodeRanges.Latin1Supplement, System.Text.Unicode.UnicodeRanges.LatinExtendedA));
        // JSON a person may open reads as written: "+03:00" and Turkish letters, not \u002B or \u00E7 (served as
        // application/json with nosniff, so nothing in it is read as HTML).
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        // The same for the pages' JsonResult answers (the card login's challenge, the readiness check), which MVC writes
        // with its own options.
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(json => json.JsonSerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        services.AddScoped<IAuditActorAccessor, HttpAuditActorAccessor>();
        services.AddRazorPages(options =>
        {
            options.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(RoleAndUnitPageFilter)));
            options.Conventions.ConfigureFilter(new RefusedFormStatusFilter());
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddDeploymentDefaults(configuration);
        return services;
    }

    public static WebApplication UseMysPipeline(this WebApplication app, bool requireHttps)
    {
        var turkish = CultureInfo.GetCultureInfo("tr-TR");
        app.UseForwardedHeaders();
        app.UseNodeNameHeader(app.Configuration);
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseMysRequestLogging();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<DatabaseOutageFallback>(); // when even the error page cannot be rendered
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            StatusCodeSelector = exception => DatabaseOutage.Is(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
        });
        app.UseMiddleware<UploadLimitMiddleware>();
        // Pages get the Turkish status pages; API callers (/api/…) get RFC 7807 ProblemDetails.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal), b => b.UseStatusCodePagesWithReExecute("/Status/{0}"));
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal), b => b.UseStatusCodePages());
        if (requireHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(turkish),
            SupportedCultures = [turkish],
            SupportedUICultures = [turkish],
        });
        app.UseStaticFiles();
        app.UseMiddleware<NoStoreMiddleware>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseSessionCheckFailures();
        app.UseAuthorization();
        app.UseMiddleware<FormControlCharacters>();
        return app;
    }

    public static WebApplication MapMysEndpoints(this WebApplication app, DevPkiHierarchy? devPki)
    {
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapRazorPages();
        app.MapSigningApi();
        Mys.Signing.Web.Infrastructure.Cards.CodeSigningEndpoints.Map(app);
        DevelopmentPkiEndpoints.Map(app, devPki);
        return app;
    }
}
