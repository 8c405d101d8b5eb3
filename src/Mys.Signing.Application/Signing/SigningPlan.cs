using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Access;
using Actor = Mys.Signing.Application.Access.Actor;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Rendering;

namespace Mys.Signing.Application.Signing;

/// <summary>What prepare does for one ÖEB: decided sequentially (database), rendered and prepared in parallel (CPU).</summary>
public sealed class SigningPlan(PaymentOrder order, SignerStep step)
{
    public PaymentOrder Order { get; } = order;

    public SignerStep Step { get; } = step;

    public RefusedItem? Refusal { get; set; }

    /// <summary>Set when this prepare renders the ÖEB (first prepare of the version).</summary>
    public PaymentOrderPrintModel? Model { get; init; }

    public string? VerificationCode { get; init; }

    /// <summary>The attachments as files, when this prepare renders the ÖEB.</summary>
    public IReadOnlyList<AttachmentFile>? Files { get; init; }

    public byte[]? Pdf { get; set; }

    public string? BaseSha256 { get; set; }

    public SignatureResult<PadesPrepared>? Prepared { get; set; }

    public bool IsRendering => Model is not null;

    /// <summary>Drops the PDFs once the session state is made (a batch would otherwise hold every ÖEB's PDF twice to its end).</summary>
    public void Release()
    {
        Pdf = null;
        Prepared = null;
    }
}

/// <summary>
/// Decides, for one ÖEB, whether the actor may sign it now and over which revision: the step follows from the ÖEB's
/// state, the actor must hold its role in the step's unit, the transition must pass a dry run, and the signed document
/// must be at the step's stage; the first signature of a version renders the ÖEB (new verification code).
/// </summary>
public sealed class SigningPlanner(
    MysDbContext db, IAttachmentStore store, PaymentOrderSupport support, SignatureTransition transition, VerificationReportGate reportGate,
    ILogger<SigningPlanner> logger)
{
    public async Task<(SigningPlan? Plan, RefusedItem? Refusal)> PlanAsync(
        Actor actor, PaymentOrder order, PaymentOrder copy, SignedPaymentOrderDocument? document, PaymentOrderPrinting.ReferenceData printing,
        string? publicBaseUrl, CancellationToken ct)
    {
        (SigningPlan?, RefusedItem?) Refuse(string code, string message) => (null, new RefusedItem(order.Id, code, message));

        var step = order.AwaitedSignature;
        if (step is null)
        {
            return Refuse("WRONG_STATE", $"ÖEB '{order.Status.TurkishName()}' durumunda; şu anda imzalanamaz.");
        }

        if (!actor.Holds(step.Role, order.SignerUnit(step.Role)))
        {
            return Refuse("NOT_YOUR_STEP", $"ÖEB {step.WaitingFor} imzasını bekliyor; bu imzayı siz atamazsınız.");
        }

        // The dry run mutates its copy (never saved; it also refuses a signer who signed before, PO_SAME_SIGNER); the order itself is rendered as it is.
        if (await transition.DryRunAsync(copy, step, actor.Id, ct) is { } rules)
        {
            return Refuse(rules.Code, rules.Message);
        }

        if (document is null && step.Before == SignedDocumentStage.Rendered)
        {
            var code = VerificationCode.New();
            var files = await new AttachmentFiles(db, store).CurrentAsync(order, ct);
            var baseUrl = publicBaseUrl ?? throw new InvalidOperationException("Mys:PublicBaseUrl is not configured.");
            var model = await PaymentOrderPrinting.BuildAsync(order, printing, await support.CatalogAsync(ct), files, code, $"{baseUrl}/dogrula/{code}", ct);
            return (new SigningPlan(order, step) { VerificationCode = code, Files = files, Model = model }, null);
        }

        if (document is null || document.Stage != step.Before)
        {
            logger.LogError("ÖEB {OrderId} in {Status} has signed document stage {Stage}", order.Id, order.Status, document?.Stage);
            return Refuse("DOCUMENT_STATE", "ÖEB'nin imzalı belgesi durumuyla uyuşmuyor; sistem yöneticisine bildirin.");
        }

        if (step.Role == Role.AccountingOfficer && await reportGate.RefusalAsync(order, document, "prepare", ct) is { } notGreen)
        {
            return Refuse(notGreen.Code, notGreen.Message);
        }

        return (new SigningPlan(order, step) { BaseSha256 = document.CurrentSha256 }, null);
    }

    /// <summary>
    /// Adds the document rows of first renderings (their PDFs are already stored), all in one save; if a concurrent prepare
    /// rendered one of them first (unique key), row by row so that only that ÖEB is refused.
    /// </summary>
    public async Task StoreRenderingsAsync(List<SigningPlan> rendered, CancellationToken ct)
    {
        if (rendered.Count == 0)
        {
            return;
        }

        var now = support.Clock.GetUtcNow();
        SignedPaymentOrderDocument Row(SigningPlan plan) => SignedPaymentOrderDocument.Rendered(plan.Order.Id, plan.VerificationCode!, plan.BaseSha256!, now);

        db.SignedPaymentOrderDocuments.AddRange(rendered.Select(Row));
        try
        {
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            foreach (var plan in rendered)
            {
                db.SignedPaymentOrderDocuments.Add(Row(plan));
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException one) when (IsUniqueViolation(one))
                {
                    logger.LogWarning("ÖEB {OrderId} was rendered by a concurrent prepare", plan.Order.Id);
                    plan.Refusal = new RefusedItem(plan.Order.Id, "CONCURRENT_PREPARE", "Bu ÖEB aynı anda başka bir oturumda imzaya hazırlandı; yeniden deneyin.");
                }

                db.ChangeTracker.Clear();
            }
        }

        foreach (var plan in rendered.Where(p => p.Refusal is null))
        {
            logger.LogInformation("ÖEB {OrderId} rendered for signing: {Sha256}, verification code issued", plan.Order.Id, plan.BaseSha256);
        }
    }

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };
}
