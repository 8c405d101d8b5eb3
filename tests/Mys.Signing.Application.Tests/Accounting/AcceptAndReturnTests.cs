using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Accounting;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.TestSupport;
using Mys.Signing.Application.Seeding;

namespace Mys.Signing.Application.Tests.Accounting;

/// <summary><see cref="AcceptPaymentOrder"/> and <see cref="ReturnPaymentOrder"/> as the review page and the CLI call them: who may, and what each refuses.</summary>
public sealed class AcceptAndReturnTests(AccountingAppFixture fx) : IClassFixture<AccountingAppFixture>
{
    private static readonly Guid Au1 = DemoData.AccountingUnitId;

    [Fact]
    public async Task Staff_of_the_unit_accept_a_green_oeb_which_becomes_long_term_and_is_audited()
    {
        var seeded = await fx.Seeder.SeedSentAsync();

        var outcome = await AcceptAsync(await fx.ActorAsync(Role.AccountingStaff), Au1, seeded.Id);

        outcome.Done.ShouldBeTrue(outcome.Message);
        var (order, document) = await LoadAsync(seeded.Id);
        order.Status.ShouldBe(PaymentOrderStatus.Accepted);
        document.Stage.ShouldBe(SignedDocumentStage.LongTerm);
        (await AuditedAsync("PaymentOrderAccepted", seeded.Id)).ShouldBeTrue();

        var again = await AcceptAsync(await fx.ActorAsync(Role.AccountingOfficer), Au1, seeded.Id);
        again.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Conflict);
        again.Message.ShouldContain("kayda alınamaz");
    }

    [Theory]
    [InlineData(Role.AccountingStaff, true)]
    [InlineData(Role.SpendingAuthority, false)]
    [InlineData(Role.RealizationOfficer, false)]
    public async Task Only_the_accounting_unit_of_the_oeb_may_decide_on_it(Role role, bool reviewsForAu1)
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        var actor = await fx.ActorAsync(role);

        // Another accounting unit: never, whoever asks; its own unit: only its officer or staff.
        (await AcceptAsync(actor, DemoData.OtherAccountingUnitId, seeded.Id)).Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Forbidden);
        (await ReturnAsync(actor, DemoData.OtherAccountingUnitId, seeded.Id, "Gerekçe.")).Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Forbidden);
        var own = await ReturnAsync(actor, Au1, seeded.Id, "Fatura tarihi hatalı.");

        own.Done.ShouldBe(reviewsForAu1, own.Message);
        (await LoadAsync(seeded.Id)).Order.Status.ShouldBe(reviewsForAu1 ? PaymentOrderStatus.Returned : PaymentOrderStatus.SentToAccounting);
        if (!reviewsForAu1)
        {
            own.Refusal!.Kind.ShouldBe(RefusalKind.Forbidden);
        }
    }

    [Fact]
    public async Task An_oeb_the_unit_was_not_sent_is_not_found()
    {
        var draft = await fx.Seeder.SeedDraftAsync();
        var staff = await fx.ActorAsync(Role.AccountingStaff);

        (await AcceptAsync(staff, Au1, draft.Id)).Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.NotFound);
        (await AcceptAsync(staff, Au1, Guid.NewGuid())).Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.NotFound);
        (await ReturnAsync(staff, Au1, draft.Id, "Gerekçe.")).Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.NotFound);
    }

    [Fact]
    public async Task A_report_that_does_not_hold_refuses_accept_with_its_problems_and_changes_nothing()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        await fx.Seeder.ReplaceCurrentAsync(seeded.Id, SignedPaymentOrderSeeder.StripSecondSignature(seeded.SignedPdf));
        var before = (await LoadAsync(seeded.Id)).Document.CurrentSha256;

        var outcome = await AcceptAsync(await fx.ActorAsync(Role.AccountingOfficer), Au1, seeded.Id);

        outcome.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Unprocessable);
        outcome.Message.ShouldContain("Doğrulama raporu olumlu değil");
        outcome.Problems.ShouldContain(p => p.StartsWith("Harcama Yetkilisi:", StringComparison.Ordinal));
        var (order, document) = await LoadAsync(seeded.Id);
        order.Status.ShouldBe(PaymentOrderStatus.SentToAccounting);
        document.CurrentSha256.ShouldBe(before);
        (await AuditedAsync("PaymentOrderAccepted", seeded.Id)).ShouldBeFalse();
    }

    [Fact]
    public async Task Return_needs_a_reason_of_at_most_2000_characters_which_it_keeps()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        var officer = await fx.ActorAsync(Role.AccountingOfficer);

        var blank = await ReturnAsync(officer, Au1, seeded.Id, "   ");
        var tooLong = await ReturnAsync(officer, Au1, seeded.Id, new string('x', ReturnPaymentOrder.MaxReasonLength + 1));

        blank.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Unprocessable);
        blank.Message.ShouldBe("İade gerekçesi yazılmalıdır.");
        tooLong.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Invalid);
        (await LoadAsync(seeded.Id)).Order.Status.ShouldBe(PaymentOrderStatus.SentToAccounting);
        (await AuditedAsync("PaymentOrderReturned", seeded.Id)).ShouldBeFalse();

        var returned = await ReturnAsync(officer, Au1, seeded.Id, "  Fatura tarihi hatalı. ");

        returned.Done.ShouldBeTrue(returned.Message);
        var (order, document) = await LoadAsync(seeded.Id);
        order.Status.ShouldBe(PaymentOrderStatus.Returned);
        order.ClosingReason.ShouldBe("Fatura tarihi hatalı.");
        document.Stage.ShouldNotBe(SignedDocumentStage.LongTerm, "a returned ÖEB keeps its signed version as it is");
        (await AuditedAsync("PaymentOrderReturned", seeded.Id)).ShouldBeTrue();
        (await AcceptAsync(officer, Au1, seeded.Id)).Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Conflict);
    }

    private async Task<ReviewOutcome> AcceptAsync(Access.Actor actor, Guid unitId, Guid id)
    {
        using var scope = fx.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AcceptPaymentOrder>().ExecuteAsync(actor, unitId, id, default);
    }

    private async Task<ReviewOutcome> ReturnAsync(Access.Actor actor, Guid unitId, Guid id, string? reason)
    {
        using var scope = fx.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReturnPaymentOrder>().ExecuteAsync(actor, unitId, id, reason, default);
    }

    private async Task<(PaymentOrder Order, SignedPaymentOrderDocument Document)> LoadAsync(Guid id)
    {
        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        return (await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == id),
            await db.SignedPaymentOrderDocuments.AsNoTracking().SingleAsync(d => d.PaymentOrderId == id));
    }

    private async Task<bool> AuditedAsync(string action, Guid id)
    {
        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        return await db.AuditEntries.AnyAsync(a => a.Action == action && a.EntityId == id.ToString());
    }
}
