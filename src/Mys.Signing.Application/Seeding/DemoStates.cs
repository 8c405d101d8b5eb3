using System.Security.Cryptography;
using System.Text;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Certificates;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Infrastructure.Catalog;
using Mys.Signing.Infrastructure.Certificates;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Seeding;

/// <summary>
/// The demo's "every state a user meets" (<c>Mys:Demo:AllStates</c>, on for scripts/run.sh, off for the tests' seeded
/// template): an ÖEB accepted by the accounting unit, one returned to data entry, one waiting in the spending
/// authority's queue (the realization officer's already waits with DEMO/0001), and the spending authority's earlier
/// card certificate, seen and expiring in 20 days, so the expiry banner and reminders show until the card in the
/// reader (the dev PKI's, three years) is used.
/// </summary>
internal static class DemoStates
{
    public const int ExpiringCertificateDays = 20;

    public static async Task SeedAsync(MysDbContext db, DemoSigning signing, IReadOnlyDictionary<Role, MysUser> users, string publicBaseUrl, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = TurkeyTime.DateOf(now);
        var dataEntry = new Actor(users[Role.DataEntryOfficer].Id, Role.DataEntryOfficer);
        var accounting = new Actor(users[Role.AccountingOfficer].Id, Role.AccountingOfficer);
        var context = RuleContext.Create(await DocumentCatalogLoader.LoadAsync(db, ct), EmptyContractHistory.Instance, RuleOptions.Default, clock);

        async Task<PaymentOrder> SubmittedAsync(string number, decimal gross, string ettn)
        {
            var order = DemoData.NewElectricityOrder(number, "Başkent Elektrik Dağıtım A.Ş.", gross, Guid.Parse(ettn), dataEntry, today, now);
            DemoData.Submit(order, dataEntry, now, context);
            db.PaymentOrders.Add(order);
            await db.SaveChangesAsync(ct);
            return order;
        }

        var accepted = await SubmittedAsync("DEMO/0006", 472.00m, "5a0b1c2d-0000-4000-8000-00000000e006");
        await signing.SignAndSendAsync(accepted, users[Role.RealizationOfficer].Id, users[Role.SpendingAuthority].Id, publicBaseUrl, ct: ct);
        var report = accepted.Accept(accounting, clock.GetUtcNow(), PaymentOrderRuleSet.Default, context);
        if (!report.IsSatisfied)
        {
            throw new InvalidOperationException("Demo ÖEB could not be accepted: " + string.Join("; ", report.Violations));
        }

        var returned = await SubmittedAsync("DEMO/0007", 1298.00m, "5a0b1c2d-0000-4000-8000-00000000e007");
        await signing.SignAndSendAsync(returned, users[Role.RealizationOfficer].Id, users[Role.SpendingAuthority].Id, publicBaseUrl, ct: ct);
        returned.Return(accounting, clock.GetUtcNow(), "Faturadaki tüketim dönemi ÖEB açıklamasıyla uyuşmuyor; açıklama düzeltilerek yeni sürüm gönderilmelidir.");

        var halfSigned = await SubmittedAsync("DEMO/0008", 826.00m, "5a0b1c2d-0000-4000-8000-00000000e008");
        await signing.SignAsRealizationOfficerAsync(halfSigned, users[Role.RealizationOfficer].Id, publicBaseUrl, ct);

        db.SignerCertificates.Add(ExpiringCertificate(users[Role.SpendingAuthority], now));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A certificate row as the register keeps one it has seen; the certificate itself is not needed for the banner.</summary>
    private static SignerCertificate ExpiringCertificate(MysUser user, DateTimeOffset now)
    {
        var serial = "DEMO" + user.Tckn[^4..];
        return new SignerCertificate
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("demo-expiring-certificate:" + user.Tckn))),
            SerialNumber = serial,
            Issuer = "CN=MYS Geliştirme ESHS (demo), O=Mys.Signing, C=TR",
            Subject = $"CN={user.FullName}, SERIALNUMBER={user.Tckn}, C=TR",
            SubjectTckn = user.Tckn,
            NotBefore = now.AddDays(-(3 * 365) + ExpiringCertificateDays),
            NotAfter = now.AddDays(ExpiringCertificateDays).AddHours(12), // "20 days left" for the whole demo day
            Qualified = true,
            KeyType = "EC P-256",
            FirstSeenAt = now.AddDays(-30),
            FirstSource = CertificateSource.Signature,
            LastSeenAt = now.AddDays(-30),
            LastSource = CertificateSource.Signature,
        };
    }
}
