using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Budget;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.Organisation;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Infrastructure.Catalog;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;

namespace Mys.Signing.Application.Seeding;

/// <summary>One demo account per role, listed on the login page in development.</summary>
public sealed record DemoAccount(string Tckn, string FullName, string Title, Role Role, string UnitName);

/// <summary>
/// The demo organisation: one institution, two accounting units, three spending units (two served by the first
/// accounting unit), and one user per role in the first units. Idempotent: does nothing if the institution exists.
/// </summary>
public static class DemoData
{
    public static readonly Guid InstitutionId = Guid.Parse("5a0b1c2d-0000-4000-8000-000000000001");
    public static readonly Guid AccountingUnitId = Guid.Parse("5a0b1c2d-0000-4000-8000-0000000000a1");
    public static readonly Guid OtherAccountingUnitId = Guid.Parse("5a0b1c2d-0000-4000-8000-0000000000a2");
    public static readonly Guid SpendingUnitId = Guid.Parse("5a0b1c2d-0000-4000-8000-0000000000b1");
    public static readonly Guid SiblingSpendingUnitId = Guid.Parse("5a0b1c2d-0000-4000-8000-0000000000b2");
    public static readonly Guid OtherSpendingUnitId = Guid.Parse("5a0b1c2d-0000-4000-8000-0000000000b3");

    public const string SpendingUnitName = "Bilgi İşlem Daire Başkanlığı";
    public const string AccountingUnitName = "Strateji Geliştirme Daire Başkanlığı Muhasebe Birimi";

    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new(Tckn.WithCheckDigits("100000001").Value, "Elif Arslan", "Sistem Yöneticisi", Role.SystemAdministrator, "Tüm kurum"),
        new(Tckn.WithCheckDigits("100000002").Value, "Hasan Öztürk", "Bilgisayar İşletmeni", Role.IdentityAdministrator, SpendingUnitName),
        new(Tckn.WithCheckDigits("100000003").Value, "Ayşe Yılmaz", "Veri Hazırlama ve Kontrol İşletmeni", Role.DataEntryOfficer, SpendingUnitName),
        new(Tckn.WithCheckDigits("100000004").Value, "Mehmet Demir", "Şube Müdürü", Role.RealizationOfficer, SpendingUnitName),
        new(Tckn.WithCheckDigits("100000005").Value, "Fatma Kaya", "Daire Başkanı", Role.SpendingAuthority, SpendingUnitName),
        new(Tckn.WithCheckDigits("100000006").Value, "Ali Şahin", "Muhasebe Yetkilisi", Role.AccountingOfficer, AccountingUnitName),
        new(Tckn.WithCheckDigits("100000007").Value, "Zeynep Çelik", "Muhasebe Yetkilisi Mutemedi", Role.AccountingStaff, AccountingUnitName),
    ];

    /// <param name="signing">With the dev PKI: also two ÖEBs signed by both demo signers and sent to the accounting unit.</param>
    /// <param name="store">When given, the e-Fatura XML behind each demo e-Fatura link is stored (<see cref="DemoEInvoices"/>).</param>
    /// <param name="allStates">With <paramref name="signing"/>: also an accepted, a returned and a half-signed ÖEB and an expiring certificate (<see cref="DemoStates"/>).</param>
    public static async Task SeedAsync(MysDbContext db, UserManager<MysUser> users, string password, TimeProvider clock,
        DemoSigning? signing = null, string publicBaseUrl = "http://127.0.0.1:5080", IAttachmentStore? store = null, bool allStates = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        if (await db.Institutions.AnyAsync(i => i.Id == InstitutionId, ct))
        {
            return;
        }

        var now = clock.GetUtcNow();
        db.Institutions.Add(Institution.Create(InstitutionId, "Demo Üniversitesi").Value);
        db.AccountingUnits.Add(AccountingUnit.Create(AccountingUnitId, InstitutionId, AccountingUnitName, "06.01.001").Value);
        db.AccountingUnits.Add(AccountingUnit.Create(OtherAccountingUnitId, InstitutionId, "Merkez Muhasebe Birimi", "06.02.001").Value);
        db.SpendingUnits.Add(SpendingUnit.Create(SpendingUnitId, InstitutionId, SpendingUnitName, "38.10.00.30", AccountingUnitId).Value);
        db.SpendingUnits.Add(SpendingUnit.Create(SiblingSpendingUnitId, InstitutionId, "Kütüphane ve Dokümantasyon Daire Başkanlığı", "38.10.00.31", AccountingUnitId).Value);
        db.SpendingUnits.Add(SpendingUnit.Create(OtherSpendingUnitId, InstitutionId, "Sağlık Kültür ve Spor Daire Başkanlığı", "38.10.00.32", OtherAccountingUnitId).Value);
        await db.SaveChangesAsync(ct);

        var created = new Dictionary<Role, MysUser>();
        foreach (var account in Accounts)
        {
            var user = MysUser.Create(account.Tckn, account.FullName, account.Title, $"{account.Tckn}@demo.mys.local", null).Value;
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Demo user could not be created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            }

            created[account.Role] = user;
        }

        var admin = created[Role.SystemAdministrator];
        db.RoleAssignments.Add(RoleAssignment.BootstrapSystemAdministrator(admin.Id, now));
        await db.SaveChangesAsync(ct);

        var topology = await Access.UnitTopologyLoader.LoadAsync(db, ct);
        var adminHolder = new AccessHolder(admin.Id, true, await db.RoleAssignments.Where(a => a.UserId == admin.Id).ToListAsync(ct));
        foreach (var account in Accounts.Where(a => a.Role != Role.SystemAdministrator))
        {
            var user = created[account.Role];
            var unit = account.Role.Scope() == UnitKind.AccountingUnit ? AccountingUnitId : SpendingUnitId;
            var grant = RoleGrants.Grant(adminHolder, new AccessHolder(user.Id, true, []), account.Role, unit, "Demo verisi", topology, now);
            db.RoleAssignments.Add(grant.IsSuccess ? grant.Value : throw new InvalidOperationException(grant.Error!.ToString()));
        }

        await db.SaveChangesAsync(ct);
        var orders = await SeedPaymentOrdersAsync(db, created[Role.DataEntryOfficer].Id, clock, ct);
        if (store is not null)
        {
            foreach (var order in orders)
            {
                await DemoEInvoices.StoreAsync(db, store, order, ct);
            }
        }
        if (signing is not null)
        {
            await SeedSignedPaymentOrdersAsync(db, signing, created, publicBaseUrl, clock, ct);
            if (allStates)
            {
                await DemoStates.SeedAsync(db, signing, created, publicBaseUrl, clock, ct);
            }
        }
    }

    /// <summary>Two ÖEBs signed by the realization officer and the spending authority, waiting in the accounting inbox.</summary>
    private static async Task SeedSignedPaymentOrdersAsync(
        MysDbContext db, DemoSigning signing, Dictionary<Role, MysUser> users, string publicBaseUrl, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = TurkeyTime.DateOf(now);
        var actor = new Actor(users[Role.DataEntryOfficer].Id, Role.DataEntryOfficer);
        var context = RuleContext.Create(await DocumentCatalogLoader.LoadAsync(db, ct), EmptyContractHistory.Instance, RuleOptions.Default, clock);
        var specs = new (string Number, decimal Gross, Guid Ettn)[]
        {
            ("DEMO/0004", 1770.00m, Guid.Parse("5a0b1c2d-0000-4000-8000-00000000e004")),
            ("DEMO/0005", 944.00m, Guid.Parse("5a0b1c2d-0000-4000-8000-00000000e005")),
        };
        foreach (var (number, gross, ettn) in specs)
        {
            var order = NewElectricityOrder(number, "Başkent Elektrik Dağıtım A.Ş.", gross, ettn, actor, today, now);
            Submit(order, actor, now, context);
            db.PaymentOrders.Add(order);
            await db.SaveChangesAsync(ct);
            await signing.SignAndSendAsync(order, users[Role.RealizationOfficer].Id, users[Role.SpendingAuthority].Id, publicBaseUrl, ct: ct);
        }
    }

    /// <summary>
    /// Three demo ÖEBs in the first spending unit: a complete electricity bill linked to an e-Fatura and sent to the
    /// realization officer, the same kind still a draft, and a draft still missing its invoice.
    /// </summary>
    private static async Task<List<PaymentOrder>> SeedPaymentOrdersAsync(MysDbContext db, Guid dataEntryUserId, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = TurkeyTime.DateOf(now);
        var actor = new Actor(dataEntryUserId, Role.DataEntryOfficer);
        var context = RuleContext.Create(await DocumentCatalogLoader.LoadAsync(db, ct), EmptyContractHistory.Instance, RuleOptions.Default, clock);
        var specs = new (string Number, string Payee, decimal Gross, Guid? Ettn, bool Submit)[]
        {
            ("DEMO/0001", "Başkent Elektrik Dağıtım A.Ş.", 1180.00m, Guid.Parse("5a0b1c2d-0000-4000-8000-00000000e001"), true),
            ("DEMO/0002", "Başkent Elektrik Dağıtım A.Ş.", 2360.00m, Guid.Parse("5a0b1c2d-0000-4000-8000-00000000e002"), false),
            ("DEMO/0003", "Başkent Elektrik Dağıtım A.Ş.", 590.00m, null, false),
        };
        var orders = new List<PaymentOrder>();
        foreach (var (number, payee, gross, ettn, submit) in specs)
        {
            var order = NewElectricityOrder(number, payee, gross, ettn, actor, today, now);
            if (submit)
            {
                Submit(order, actor, now, context);
            }

            db.PaymentOrders.Add(order);
            orders.Add(order);
        }

        await db.SaveChangesAsync(ct);
        return orders;
    }

    /// <summary>An electricity ÖEB of the demo spending unit (the demo data and the tests build them the same way).</summary>
    public static PaymentOrder NewElectricityOrder(string number, string payee, decimal gross, Guid? ettn, Actor actor, DateOnly today, DateTimeOffset now)
    {
        var order = PaymentOrder.Create(Guid.NewGuid(), DocumentNumber.From(number), today, today.Year, SpendingUnitId, AccountingUnitId, ExpenseTypeCodes.Electricity, actor, now).Value;
        order.SetClassification(BudgetClassification.Parse("38.10.00.30", "01.3.9.00", "1", "03.2.1.01").Value);
        var stamp = Money.From(decimal.Round(gross * 0.00948m, 2));
        order.SetAmounts(Money.From(gross), Deductions.Create(stampDuty: stamp).Value);
        order.AddLine(AccountingLine.Debit("630", gross));
        order.AddLine(AccountingLine.Credit("320.01", gross - stamp.Amount));
        order.AddLine(AccountingLine.Credit("360", stamp.Amount));
        order.SetPayee(Payee.Create(payee, TaxId.From("4540536920"), "Çankaya", Iban.From("TR330006100519786457841326"), "Ziraat Bankası").Value);
        _ = order.SetDescription("Elektrik bedeli (demo)");
        if (ettn is { } id)
        {
            order.AddAttachment(SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
            {
                DocumentTypeCode = DocumentTypeCodes.EInvoice, Source = DocumentSource.EFaturaLink, StructuredDocumentId = id.ToString("D"),
            }).Value);
        }

        return order;
    }

    public static void Submit(PaymentOrder order, Actor actor, DateTimeOffset now, RuleContext context)
    {
        var report = order.SubmitForSignature(actor, now, PaymentOrderRuleSet.Default, context);
        if (!report.IsSatisfied)
        {
            throw new InvalidOperationException("Demo ÖEB could not be submitted: " + string.Join("; ", report.Violations));
        }
    }
}
