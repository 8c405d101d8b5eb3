using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;
using Mys.Signing.Application.Seeding;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Tests.PaymentOrders;

/// <summary>
/// The data-entry officer's ÖEB use cases on the real app's services and a real PostgreSQL with the demo organisation:
/// each rule they enforce, both sides. (The pages that call them are tested end to end in Web.Tests.)
/// </summary>
public sealed partial class DataEntryUseCaseTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private const string Vkn = "4540536920";
    private static readonly Guid Su1 = DemoData.SpendingUnitId;
    private static int _counter;

    [Fact]
    public async Task A_complete_draft_is_submitted_once_and_the_submission_is_audited()
    {
        var id = await DraftAsync(withEInvoiceLink: true);
        var actor = await ActorAsync(Role.DataEntryOfficer);

        var outcome = await UseAsync<SubmitPaymentOrder, Outcome<Submission>>(async s => await s.RunAsync(actor, Su1, id, await VersionAsync(id), default));

        outcome.Value.ShouldNotBeNull().Submitted.ShouldBeTrue();
        (await StatusAsync(id)).ShouldBe(PaymentOrderStatus.AwaitingRealizationSignature);
        (await AuditCountAsync("PaymentOrderSubmitted", id)).ShouldBe(1);

        var again = await UseAsync<SubmitPaymentOrder, Outcome<Submission>>(async s => await s.RunAsync(actor, Su1, id, await VersionAsync(id), default));
        again.Refusal.ShouldNotBeNull().Code.ShouldBe("not draft");
        again.Refusal.Message.ShouldContain("imzaya gönderilemez");
        (await AuditCountAsync("PaymentOrderSubmitted", id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_draft_without_an_invoice_stays_a_draft_with_the_violations_listed()
    {
        var id = await DraftAsync(withEInvoiceLink: false);

        var outcome = await UseAsync<SubmitPaymentOrder, Outcome<Submission>>(
            async s => await s.RunAsync(await ActorAsync(Role.DataEntryOfficer), Su1, id, await VersionAsync(id), default));

        var submission = outcome.Value.ShouldNotBeNull();
        submission.Submitted.ShouldBeFalse();
        submission.Violations.ShouldNotBeEmpty();
        (await StatusAsync(id)).ShouldBe(PaymentOrderStatus.Draft);
        (await AuditCountAsync("PaymentOrderSubmitted", id)).ShouldBe(0);
    }

    [Fact]
    public async Task A_submit_from_a_stale_form_or_by_someone_not_entering_data_for_the_unit_is_refused()
    {
        var id = await DraftAsync(withEInvoiceLink: true);

        var stale = await UseAsync<SubmitPaymentOrder, Outcome<Submission>>(
            async s => await s.RunAsync(await ActorAsync(Role.DataEntryOfficer), Su1, id, await VersionAsync(id) - 1, default));
        var realization = await UseAsync<SubmitPaymentOrder, Outcome<Submission>>(
            async s => await s.RunAsync(await ActorAsync(Role.RealizationOfficer), Su1, id, await VersionAsync(id), default));
        var otherUnit = await UseAsync<SubmitPaymentOrder, Outcome<Submission>>(
            async s => await s.RunAsync(await ActorAsync(Role.DataEntryOfficer), DemoData.SiblingSpendingUnitId, id, await VersionAsync(id), default));
        var unknown = await UseAsync<SubmitPaymentOrder, Outcome<Submission>>(
            async s => await s.RunAsync(await ActorAsync(Role.DataEntryOfficer), Su1, Guid.NewGuid(), 1, default));

        stale.Refusal.ShouldNotBeNull().Code.ShouldBe("stale");
        stale.Refusal.Message.ShouldContain("siz incelerken değiştirildi");
        realization.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Forbidden);
        otherUnit.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Forbidden);
        unknown.Refusal.ShouldBe(DataEntryOrders.OrderNotFound);
        (await StatusAsync(id)).ShouldBe(PaymentOrderStatus.Draft);
    }

    [Fact]
    public async Task The_unit_s_signers_see_an_order_and_others_do_not()
    {
        var id = await DraftAsync(withEInvoiceLink: true);

        var seen = await UseAsync<ViewPaymentOrder, Outcome<PaymentOrderView>>(async v => await v.RunAsync(await ActorAsync(Role.RealizationOfficer), Su1, id, default));
        var accounting = await UseAsync<ViewPaymentOrder, Outcome<PaymentOrderView>>(async v => await v.RunAsync(await ActorAsync(Role.AccountingOfficer), Su1, id, default));
        var unknown = await UseAsync<ViewPaymentOrder, Outcome<PaymentOrderView>>(async v => await v.RunAsync(await ActorAsync(Role.DataEntryOfficer), Su1, Guid.NewGuid(), default));

        var view = seen.Value.ShouldNotBeNull();
        view.Order.Id.ShouldBe(id);
        view.FormVersion.ShouldBe(await VersionAsync(id));
        view.Checklist.ShouldNotBeEmpty();
        accounting.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Forbidden);
        unknown.Refusal.ShouldBe(DataEntryOrders.OrderNotFound);
    }

    [Fact]
    public async Task A_returned_order_is_continued_once_as_a_new_draft_and_a_draft_is_not()
    {
        var returned = await DraftAsync(withEInvoiceLink: true);
        var draft = await DraftAsync(withEInvoiceLink: true);
        await fixture.Database.ExecuteAsync($"UPDATE \"PaymentOrders\" SET \"Status\" = {(int)PaymentOrderStatus.Returned} WHERE \"Id\" = '{returned}'");
        var actor = await ActorAsync(Role.DataEntryOfficer);

        var next = await UseAsync<StartNewVersion, Outcome<PaymentOrder>>(n => n.RunAsync(actor, Su1, returned, default));
        var twice = await UseAsync<StartNewVersion, Outcome<PaymentOrder>>(n => n.RunAsync(actor, Su1, returned, default));
        var fromDraft = await UseAsync<StartNewVersion, Outcome<PaymentOrder>>(n => n.RunAsync(actor, Su1, draft, default));

        var started = next.Value.ShouldNotBeNull();
        started.Version.ShouldBe(2);
        (await StatusAsync(started.Id)).ShouldBe(PaymentOrderStatus.Draft);
        (await AttachmentCountAsync(started.Id)).ShouldBe(1, "the attachments come along");
        (await AuditCountAsync("PaymentOrderNewVersionStarted", returned)).ShouldBe(1);
        twice.Refusal.ShouldNotBeNull().Message.ShouldBe("Bu ÖEB'nin yeni sürümü zaten başlatılmış.");
        fromDraft.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Conflict);
        (await AuditCountAsync("PaymentOrderNewVersionStarted", draft)).ShouldBe(0);
    }

    private Task<TResult> UseAsync<TUseCase, TResult>(Func<TUseCase, Task<TResult>> run)
        where TUseCase : notnull => fixture.UseAsync(run);

    private Task<Actor> ActorAsync(Role role) => fixture.ActorAsync(role);

    /// <summary>A complete electricity ÖEB of the demo data-entry officer; without the e-Fatura link it lacks its invoice.</summary>
    private async Task<Guid> DraftAsync(bool withEInvoiceLink)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var dataEntry = (await ActorAsync(Role.DataEntryOfficer)).Id;
        var now = clock.GetUtcNow();
        var order = DemoData.NewElectricityOrder($"UC/{Interlocked.Increment(ref _counter):D4}{Guid.NewGuid().ToString("N")[..4]}", "Başkent Elektrik Dağıtım A.Ş.", 1180m,
            withEInvoiceLink ? Guid.NewGuid() : null, new Domain.PaymentOrders.Actor(dataEntry, Role.DataEntryOfficer),
            DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(3)).DateTime), now);
        db.PaymentOrders.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    }

    private async Task<uint> VersionAsync(Guid id) =>
        (uint)await fixture.Database.ScalarAsync<long>($"SELECT xmin::text::bigint FROM \"PaymentOrders\" WHERE \"Id\" = '{id}'");

    private async Task<PaymentOrderStatus> StatusAsync(Guid id) =>
        (PaymentOrderStatus)await fixture.Database.ScalarAsync<int>($"SELECT \"Status\" FROM \"PaymentOrders\" WHERE \"Id\" = '{id}'");

    private Task<long> AuditCountAsync(string action, Guid id) =>
        fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = '{action}' AND \"EntityId\" = '{id}'");

    private Task<long> AttachmentCountAsync(Guid id) =>
        fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}'");

    private static byte[] Pdf() => Encoding.ASCII.GetBytes($"%PDF-1.7\n% {Guid.NewGuid()}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
}
