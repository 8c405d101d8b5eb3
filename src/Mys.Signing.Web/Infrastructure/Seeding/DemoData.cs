using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Organisation;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Infrastructure.Seeding;

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

    public static async Task SeedAsync(MysDbContext db, UserManager<MysUser> users, string password, TimeProvider clock, CancellationToken ct = default)
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

        var topology = await UnitTopologyLoader.LoadAsync(db, ct);
        var adminHolder = new AccessHolder(admin.Id, true, await db.RoleAssignments.Where(a => a.UserId == admin.Id).ToListAsync(ct));
        foreach (var account in Accounts.Where(a => a.Role != Role.SystemAdministrator))
        {
            var user = created[account.Role];
            var unit = account.Role.Scope() == UnitKind.AccountingUnit ? AccountingUnitId : SpendingUnitId;
            var grant = RoleGrants.Grant(adminHolder, new AccessHolder(user.Id, true, []), account.Role, unit, "Demo verisi", topology, now);
            db.RoleAssignments.Add(grant.IsSuccess ? grant.Value : throw new InvalidOperationException(grant.Error!.ToString()));
        }

        await db.SaveChangesAsync(ct);
    }
}
