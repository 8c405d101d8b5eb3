using System.Globalization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Mys.Signing.Application.Archive;
using Mys.Signing.Application.Certificates;
using Mys.Signing.Application.Invoices;
using Mys.Signing.Application.Maintenance;
using Mys.Signing.Application.Accounting;
using Mys.Signing.Application.AuditExport;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Application.Scheduling;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.Verification;
using Mys.Signing.Infrastructure;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Hosting;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure;
using Mys.Signing.Web.Infrastructure.Authorization;
using Mys.Signing.Web.Infrastructure.Cards;
using Mys.Signing.Web.Infrastructure.Http;
using Mys.Signing.Web.Pages.Accounting;
using Mys.Signing.Web.Signing;

var builder = WebApplication.CreateBuilder(args);

builder.Logging.ClearProviders();
builder.Services.AddMysLogging(builder.Configuration);
Mys.Signing.Web.Infrastructure.Telemetry.TelemetrySetup.AddMysTelemetry(builder.Services, builder.Configuration);

// HTTPS (redirect, HSTS, Secure cookies) everywhere but development, unless explicitly turned off
// (integration tests on plain HTTP; a TLS-terminating proxy still forwards the scheme).
var requireHttps = builder.Configuration.GetValue("Mys:RequireHttps", !builder.Environment.IsDevelopment());
var cookieSecurity = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
var services = builder.Services;
services.AddMysInfrastructure(builder.Configuration);
services.AddHttpContextAccessor();
// Turkish letters (ç ğ ı İ ö ş ü) are written as they are, not as numeric entities.
services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(
    System.Text.Unicode.UnicodeRanges.BasicLatin, System.Text.Unicode.UnicodeRanges.Latin1Supplement, System.Text.Unicode.UnicodeRanges.LatinExtendedA));
services.AddScoped<IAuditActorAccessor, HttpAuditActorAccessor>();
services.AddScoped<CurrentUser>();
services.AddPaymentOrders();
services.AddVerification();
services.AddAccounting();
services.AddAuditExport(builder.Configuration, AccountingPagesRegistration.DevPkiSeal);
services.AddAccountingPages(builder.Configuration);
services.AddCertificates();
services.AddInvoices(builder.Configuration);
services.AddMaintenance();
services.AddSeeding();

services.AddIdentity<MysUser, IdentityRole<Guid>>(options =>
    {
        options.User.RequireUniqueEmail = false;
        options.Password.RequiredLength = 10;
        options.Password.RequireNonAlphanumeric = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.SignIn.RequireConfirmedAccount = false;
    })
    .AddEntityFrameworkStores<MysDbContext>()
    .AddErrorDescriber<TurkishIdentityErrorDescriber>();
services.ConfigureApplicationCookie(options =>
{
    options.LoginPath = "/Account/Login";
    options.LogoutPath = "/Account/Logout";
    options.AccessDeniedPath = "/Status/403";
    options.Cookie.Name = "mys.auth";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Strict;
    options.Cookie.SecurePolicy = cookieSecurity;
    options.ExpireTimeSpan = TimeSpan.FromHours(8);
    options.SlidingExpiration = true;
    // API callers get status codes (turned into ProblemDetails), not redirects to HTML pages.
    options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
    options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
});
services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
services.AddAntiforgery(options =>
{
    options.Cookie.Name = "mys.af";
    options.Cookie.SecurePolicy = cookieSecurity;
    options.Cookie.SameSite = SameSiteMode.Strict;
});

// Shared by all instances: the key ring lives in PostgreSQL, encrypted with a certificate.
KeyRingProtection.Add(services, builder.Configuration, builder.Environment);

services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
services.AddRazorPages(options => options.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(RoleAndUnitPageFilter))));
services.AddScoped<RoleAndUnitPageFilter>();
services.AddProblemDetails();
services.AddExceptionHandler<ApiExceptionHandler>();
services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    foreach (var proxy in builder.Configuration.GetSection("Mys:KnownProxies").Get<string[]>() ?? [])
    {
        options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    }
});

var devPki = DevelopmentPki.Create(builder.Configuration, Path.Combine(builder.Environment.ContentRootPath, "..", "..", ".local", "devpki"));
if (devPki is not null)
{
    services.AddSingleton(devPki);
}

services.AddMysSigning(builder.Configuration, devPki);
services.AddArchive(builder.Configuration);
services.AddMysScheduler(builder.Configuration); // after every AddMysJob

var app = builder.Build();

await StartupTasks.RunAsync(app);

var turkish = CultureInfo.GetCultureInfo("tr-TR");
app.UseForwardedHeaders();
app.UseMiddleware<CorrelationIdMiddleware>();
app.UseMysRequestLogging();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseMiddleware<PublicUploadLimitMiddleware>();
app.UseExceptionHandler("/Error");
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
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapRazorPages();
app.MapSigningApi();
Mys.Signing.Web.Infrastructure.Cards.CodeSigningEndpoints.Map(app);
DevelopmentPkiEndpoints.Map(app, devPki);

await app.RunAsync();

static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
{
    if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
    {
        context.Response.StatusCode = status;
    }
    else
    {
        context.Response.Redirect(context.RedirectUri);
    }

    return Task.CompletedTask;
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
