using Mys.Signing.Application.Accounting;
using Mys.Signing.Application.Archive;
using Mys.Signing.Application.Audit;
using Mys.Signing.Application.AuditExport;
using Mys.Signing.Application.Catalog;
using Mys.Signing.Application.Certificates;
using Mys.Signing.Application.Home;
using Mys.Signing.Application.Invoices;
using Mys.Signing.Application.Maintenance;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Application.Scheduling;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.Verification;
using Mys.Signing.Hosting;
using Mys.Signing.Infrastructure;
using Mys.Signing.Web.Infrastructure;
using Mys.Signing.Web.Infrastructure.Authorization;
using Mys.Signing.Web.Infrastructure.Http;
using Mys.Signing.Web.Infrastructure.Telemetry;
using Mys.Signing.Web.Pages.Accounting;
using Mys.Signing.Web.Signing;

// The composition root, as a table of contents: each line registers one part; the part's folder says how.
var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;
var services = builder.Services;
// HTTPS (redirect, HSTS, Secure cookies) everywhere but development, unless explicitly turned off
// (integration tests on plain HTTP; a TLS-terminating proxy still forwards the scheme).
var requireHttps = configuration.GetValue("Mys:RequireHttps", !builder.Environment.IsDevelopment());
// Development only (Mys:DevPki:Enabled): the demo PKI, its OCSP/CRL/TSA services and the demo signers' cards.
var devPki = DevelopmentPki.Create(configuration, Path.Combine(builder.Environment.ContentRootPath, "..", "..", ".local", "devpki"), builder.Environment.EnvironmentName);
if (devPki is not null)
{
    services.AddSingleton(devPki);
}

// Plumbing
builder.Logging.ClearProviders();
services.AddMysLogging(configuration);
services.AddMysTelemetry(configuration);
services.AddMysInfrastructure(configuration);
services.AddMysWeb(configuration);
services.AddMysAccounts(requireHttps);
KeyRingProtection.Add(services, configuration, builder.Environment); // shared by all instances: in PostgreSQL, encrypted

// Features (the use cases live in Mys.Signing.Application/<Feature>)
services.AddCatalog();
services.AddPaymentOrders();
services.AddVerification();
services.AddAccounting();
services.AddAuditExport(configuration, AccountingPagesRegistration.DevPkiSeal);
services.AddAccountingPages(configuration);
services.AddCertificates();
services.AddInvoices(configuration);
services.AddMaintenance();
services.AddSeeding();
services.AddHome();
services.AddAudit();
services.AddMysSigning(configuration, devPki);
services.AddArchive(configuration);
services.AddMysScheduler(configuration); // after every AddMysJob

var app = builder.Build();
await StartupTasks.RunAsync(app);
app.UseMysPipeline(requireHttps);
app.MapMysEndpoints(devPki);
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
