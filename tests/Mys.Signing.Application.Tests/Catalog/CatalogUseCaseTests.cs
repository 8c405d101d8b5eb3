using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Catalog;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Tests.Catalog;

/// <summary>The system administrator's catalogue edits on the real app's services and a real PostgreSQL: who may, what is audited, stale forms.</summary>
public sealed class CatalogUseCaseTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task The_administrator_renames_a_document_type_once_from_a_form_and_a_stale_form_or_another_role_changes_nothing()
    {
        var admin = await ActorAsync(Role.SystemAdministrator);
        var read = (await UseAsync<ChangeDocumentType, Outcome<CatalogEntry<DocumentType>>>(c => c.OpenAsync(admin, DocumentTypeCodes.Contract, default))).Value.ShouldNotBeNull();
        var type = read.Type;
        var renamed = new DocumentTypeChange("Sözleşme (imzalı)", type.IsStructured, type.AllowedSources, type.MustBeSignedBeforeAttaching, type.IsInvoice);

        var byDataEntry = await UseAsync<ChangeDocumentType, Outcome<DocumentType>>(
            async c => await c.RunAsync(await ActorAsync(Role.DataEntryOfficer), DocumentTypeCodes.Contract, read.FormVersion, renamed, default));
        var changed = await UseAsync<ChangeDocumentType, Outcome<DocumentType>>(c => c.RunAsync(admin, DocumentTypeCodes.Contract, read.FormVersion, renamed, default));
        var stale = await UseAsync<ChangeDocumentType, Outcome<DocumentType>>(
            c => c.RunAsync(admin, DocumentTypeCodes.Contract, read.FormVersion, renamed with { Name = "Eski formdan" }, default));
        var unknown = await UseAsync<ChangeDocumentType, Outcome<DocumentType>>(c => c.RunAsync(admin, "YOK_BOYLE", read.FormVersion, renamed, default));

        byDataEntry.Refusal.ShouldBe(CatalogAdministration.NotAdministrator);
        changed.Value.ShouldNotBeNull().Name.ShouldBe("Sözleşme (imzalı)");
        stale.Refusal.ShouldNotBeNull().Message.ShouldBe("Bu belge türü siz düzenlerken başka biri tarafından değiştirildi. Sayfayı yenileyip yeniden deneyin.");
        unknown.Refusal.ShouldBe(ChangeDocumentType.NotFound);
        (await fixture.Database.ScalarAsync<string>($"SELECT \"Name\" FROM \"DocumentTypes\" WHERE \"Code\" = '{DocumentTypeCodes.Contract}'")).ShouldBe("Sözleşme (imzalı)");
        (await AuditCountAsync("CatalogDocumentTypeChanged", DocumentTypeCodes.Contract)).ShouldBe(1);
    }

    [Fact]
    public async Task An_expense_type_naming_an_unknown_document_type_is_refused_and_a_valid_change_is_saved_and_audited()
    {
        var admin = await ActorAsync(Role.SystemAdministrator);
        var code = (await UseAsync<CatalogAdministration, Outcome<DocumentCatalog>>(c => c.ViewAsync(admin, default))).Value.ShouldNotBeNull()
            .ExpenseTypes.First(e => !e.RequiresSpendingInstruction).Code;
        var read = (await UseAsync<ChangeExpenseType, Outcome<CatalogEntry<ExpenseType>>>(c => c.OpenAsync(admin, code, default))).Value.ShouldNotBeNull();
        var type = read.Type;
        var required = type.RequiredDocuments.Select(r => new RequiredDocumentChange(r.Key, r.Name, r.AcceptedTypeCodes, r.IsUncertain)).ToList();
        var requiredCodes = required.SelectMany(r => r.AcceptedTypeCodes).ToHashSet(StringComparer.Ordinal);
        var optional = type.AllowedDocumentTypeCodes.Where(c => !requiredCodes.Contains(c)).ToList();

        var unknownType = await UseAsync<ChangeExpenseType, Outcome<ExpenseType>>(
            c => c.RunAsync(admin, code, read.FormVersion, new ExpenseTypeChange(type.Name, false, required, [.. optional, "YOK_BOYLE"]), default));
        var changed = await UseAsync<ChangeExpenseType, Outcome<ExpenseType>>(
            c => c.RunAsync(admin, code, read.FormVersion, new ExpenseTypeChange(type.Name + " (düzeltildi)", false, required, optional), default));
        var byDataEntry = await UseAsync<CatalogAdministration, Outcome<DocumentCatalog>>(async c => await c.ViewAsync(await ActorAsync(Role.DataEntryOfficer), default));

        unknownType.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Unprocessable);
        changed.Value.ShouldNotBeNull().Name.ShouldBe(type.Name + " (düzeltildi)");
        byDataEntry.Refusal.ShouldBe(CatalogAdministration.NotAdministrator);
        (await AuditCountAsync("CatalogExpenseTypeChanged", code)).ShouldBe(1);
    }

    private async Task<TResult> UseAsync<TUseCase, TResult>(Func<TUseCase, Task<TResult>> run)
        where TUseCase : notnull
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }

    private async Task<Actor> ActorAsync(Role role)
    {
        var tckn = DemoData.Accounts.Single(a => a.Role == role).Tckn;
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Tckn == tckn);
        return new Actor(user, await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == user.Id && a.RevokedAt == null).ToListAsync());
    }

    private Task<long> AuditCountAsync(string action, string code) =>
        fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = '{action}' AND \"EntityId\" = '{code}'");
}
