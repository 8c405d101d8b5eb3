using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Organisation;

namespace Mys.Signing.Domain.Tests.Access;

public sealed class RoleGrantsTests
{
    private static readonly Guid Au1 = Guid.NewGuid();
    private static readonly Guid Au2 = Guid.NewGuid();
    private static readonly Guid Su1 = Guid.NewGuid();
    private static readonly Guid Su2 = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly UnitTopology Topology = new(new Dictionary<Guid, Guid> { [Su1] = Au1, [Su2] = Au2 }, new HashSet<Guid> { Au1, Au2 });

    private static readonly AccessHolder SystemAdmin = Holder(RoleAssignment.BootstrapSystemAdministrator(Guid.NewGuid(), Now));

    private static AccessHolder Holder(params RoleAssignment[] assignments) =>
        new(assignments.FirstOrDefault()?.UserId ?? Guid.NewGuid(), true, assignments);

    private static AccessHolder With(AccessHolder holder, Role role, Guid? unit)
    {
        var grant = RoleGrants.Grant(SystemAdmin, holder, role, unit, "kurulum", Topology, Now);
        grant.IsSuccess.ShouldBeTrue(grant.Error?.ToString());
        return holder with { Assignments = holder.Assignments.Append(grant.Value).ToList() };
    }

    private static AccessHolder NewPerson() => new(Guid.NewGuid(), true, []);

    [Fact]
    public void System_administrator_grants_a_spending_unit_role_with_a_reason()
    {
        var person = NewPerson();

        var result = RoleGrants.Grant(SystemAdmin, person, Role.RealizationOfficer, Su1, " Atama ", Topology, Now);

        result.IsSuccess.ShouldBeTrue();
        result.Value.UserId.ShouldBe(person.UserId);
        result.Value.UnitKind.ShouldBe(UnitKind.SpendingUnit);
        result.Value.GrantReason.ShouldBe("Atama");
        result.Value.GrantedBy.ShouldBe(SystemAdmin.UserId);
        result.Value.IsActive.ShouldBeTrue();
    }

    [Fact]
    public void Realization_officer_cannot_also_be_spending_authority_of_the_same_unit()
    {
        var person = With(NewPerson(), Role.RealizationOfficer, Su1);

        var result = RoleGrants.Grant(SystemAdmin, person, Role.SpendingAuthority, Su1, "x", Topology, Now);

        result.Error!.Code.ShouldBe("SOD_REALIZATION_SPENDING");
        result.Error.Message.ShouldContain("Görevler ayrılığı");
    }

    [Fact]
    public void Spending_authority_cannot_also_be_realization_officer_of_the_same_unit()
    {
        var person = With(NewPerson(), Role.SpendingAuthority, Su1);

        RoleGrants.Grant(SystemAdmin, person, Role.RealizationOfficer, Su1, "x", Topology, Now).Error!.Code.ShouldBe("SOD_REALIZATION_SPENDING");
    }

    [Fact]
    public void Realization_officer_of_one_unit_may_be_spending_authority_of_another()
    {
        var person = With(NewPerson(), Role.RealizationOfficer, Su1);

        RoleGrants.Grant(SystemAdmin, person, Role.SpendingAuthority, Su2, "x", Topology, Now).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Spending_authority_cannot_be_accounting_officer_of_the_accounting_unit_serving_the_unit()
    {
        var spending = With(NewPerson(), Role.SpendingAuthority, Su1);
        var accounting = With(NewPerson(), Role.AccountingOfficer, Au1);

        RoleGrants.Grant(SystemAdmin, spending, Role.AccountingOfficer, Au1, "x", Topology, Now).Error!.Code.ShouldBe("SOD_SPENDING_ACCOUNTING");
        RoleGrants.Grant(SystemAdmin, accounting, Role.SpendingAuthority, Su1, "x", Topology, Now).Error!.Code.ShouldBe("SOD_SPENDING_ACCOUNTING");
    }

    [Fact]
    public void Spending_authority_may_be_accounting_officer_of_an_accounting_unit_that_does_not_serve_the_unit()
    {
        var spending = With(NewPerson(), Role.SpendingAuthority, Su1);

        RoleGrants.Grant(SystemAdmin, spending, Role.AccountingOfficer, Au2, "x", Topology, Now).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Identity_administrator_grants_signer_roles_in_their_own_unit_only()
    {
        var admin = With(NewPerson(), Role.IdentityAdministrator, Su1);

        RoleGrants.Grant(admin, NewPerson(), Role.DataEntryOfficer, Su1, "x", Topology, Now).IsSuccess.ShouldBeTrue();
        RoleGrants.Grant(admin, NewPerson(), Role.DataEntryOfficer, Su2, "x", Topology, Now).Error!.Code.ShouldBe("ROLE_NOT_PERMITTED");
        RoleGrants.Grant(admin, NewPerson(), Role.IdentityAdministrator, Su1, "x", Topology, Now).Error!.Code.ShouldBe("ROLE_NOT_PERMITTED");
        RoleGrants.Grant(admin, NewPerson(), Role.AccountingStaff, Au1, "x", Topology, Now).Error!.Code.ShouldBe("ROLE_NOT_PERMITTED");
    }

    [Fact]
    public void Identity_administrator_cannot_grant_roles_to_themself()
    {
        var admin = With(NewPerson(), Role.IdentityAdministrator, Su1);

        RoleGrants.Grant(admin, admin, Role.DataEntryOfficer, Su1, "x", Topology, Now).Error!.Code.ShouldBe("ROLE_SELF_GRANT");
    }

    [Fact]
    public void Accounting_officer_defines_accounting_staff_of_their_accounting_unit()
    {
        var officer = With(NewPerson(), Role.AccountingOfficer, Au1);

        RoleGrants.Grant(officer, NewPerson(), Role.AccountingStaff, Au1, "x", Topology, Now).IsSuccess.ShouldBeTrue();
        RoleGrants.Grant(officer, NewPerson(), Role.AccountingStaff, Au2, "x", Topology, Now).Error!.Code.ShouldBe("ROLE_NOT_PERMITTED");
        RoleGrants.Grant(officer, NewPerson(), Role.AccountingOfficer, Au1, "x", Topology, Now).Error!.Code.ShouldBe("ROLE_NOT_PERMITTED");
    }

    [Theory]
    [InlineData(Role.DataEntryOfficer, "AU")]
    [InlineData(Role.AccountingStaff, "SU")]
    [InlineData(Role.RealizationOfficer, "NONE")]
    [InlineData(Role.SystemAdministrator, "SU")]
    public void A_role_in_the_wrong_kind_of_unit_is_refused(Role role, string unit)
    {
        Guid? unitId = unit switch { "AU" => Au1, "SU" => Su1, _ => null };

        var result = RoleGrants.Grant(SystemAdmin, NewPerson(), role, unitId, "x", Topology, Now);

        result.Error!.Code.ShouldBeOneOf("ROLE_UNIT_KIND", "ROLE_SCOPE");
    }

    [Fact]
    public void A_unit_that_does_not_exist_is_refused()
    {
        RoleGrants.Grant(SystemAdmin, NewPerson(), Role.DataEntryOfficer, Guid.NewGuid(), "x", Topology, Now).Error!.Code.ShouldBe("ROLE_UNIT_KIND");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_grant_without_a_reason_is_refused(string? reason)
    {
        RoleGrants.Grant(SystemAdmin, NewPerson(), Role.DataEntryOfficer, Su1, reason, Topology, Now).Error!.Code.ShouldBe("ROLE_REASON");
    }

    [Fact]
    public void The_same_role_twice_in_a_unit_is_refused()
    {
        var person = With(NewPerson(), Role.DataEntryOfficer, Su1);

        RoleGrants.Grant(SystemAdmin, person, Role.DataEntryOfficer, Su1, "x", Topology, Now).Error!.Code.ShouldBe("ROLE_DUPLICATE");
    }

    [Fact]
    public void An_inactive_person_gets_no_role()
    {
        RoleGrants.Grant(SystemAdmin, new AccessHolder(Guid.NewGuid(), false, []), Role.DataEntryOfficer, Su1, "x", Topology, Now)
            .Error!.Code.ShouldBe("ROLE_GRANTEE_INACTIVE");
    }

    [Fact]
    public void Revoking_keeps_the_assignment_as_history_and_frees_the_separation_of_duties()
    {
        var person = With(NewPerson(), Role.RealizationOfficer, Su1);
        var assignment = person.Assignments.Single();

        RoleGrants.Revoke(SystemAdmin, person, assignment, "görev değişti", Topology, Now.AddDays(1)).IsSuccess.ShouldBeTrue();

        assignment.IsActive.ShouldBeFalse();
        assignment.RevokedAt.ShouldBe(Now.AddDays(1));
        assignment.RevokeReason.ShouldBe("görev değişti");
        RoleGrants.Grant(SystemAdmin, person, Role.SpendingAuthority, Su1, "x", Topology, Now).IsSuccess.ShouldBeTrue();
        RoleGrants.Revoke(SystemAdmin, person, assignment, "tekrar", Topology, Now).Error!.Code.ShouldBe("ROLE_ALREADY_REVOKED");
    }

    [Fact]
    public void Revoking_needs_the_same_permission_as_granting()
    {
        var admin = With(NewPerson(), Role.IdentityAdministrator, Su2);
        var person = With(NewPerson(), Role.DataEntryOfficer, Su1);

        RoleGrants.Revoke(admin, person, person.Assignments.Single(), "x", Topology, Now).Error!.Code.ShouldBe("ROLE_NOT_PERMITTED");
        person.Assignments.Single().IsActive.ShouldBeTrue();
    }

    [Fact]
    public void Deactivation_is_allowed_to_whoever_manages_all_the_persons_roles_but_never_to_oneself()
    {
        var admin = With(NewPerson(), Role.IdentityAdministrator, Su1);
        var local = With(NewPerson(), Role.DataEntryOfficer, Su1);
        var shared = With(local, Role.DataEntryOfficer, Su2);

        UserDeactivation.Check(admin, local, "ayrıldı").IsSuccess.ShouldBeTrue();
        UserDeactivation.Check(admin, shared, "ayrıldı").Error!.Code.ShouldBe("USER_DEACTIVATE_NOT_PERMITTED");
        UserDeactivation.Check(SystemAdmin, shared, "ayrıldı").IsSuccess.ShouldBeTrue();
        UserDeactivation.Check(admin, admin, "x").Error!.Code.ShouldBe("USER_SELF_DEACTIVATE");
        UserDeactivation.Check(admin, local, " ").Error!.Code.ShouldBe("USER_DEACTIVATE_REASON");
    }
}
