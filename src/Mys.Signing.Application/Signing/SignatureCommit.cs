using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Access;
using Actor = Mys.Signing.Application.Access.Actor;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Signing;

/// <summary>
/// The one commit path of completed signatures, for a batch and for a single ÖEB alike. Each ÖEB must still be where
/// prepare left it (same state, same current revision, its step's stage); it then moves on through the domain
/// (<see cref="PaymentOrder.RecordSignature"/>, <see cref="SignedPaymentOrderDocument.RecordSigned"/>) with its audit
/// events, one save per (role, unit) so that each audit row names the unit it acted in, all in one transaction.
/// A batch is first tried as one such group; if anything is unusual (an ÖEB changed, a rule now refuses, a concurrent
/// save) nothing of it is saved and the same path runs ÖEB by ÖEB, which refuses exactly the ones that cannot move on.
/// </summary>
public sealed class SignatureCommit(
    MysDbContext db, PaymentOrderSupport support, SignatureTransition transition, IAuditIdentity audit, IAccountingAcceptance acceptance,
    ILogger<SignatureCommit> logger)
{
    public async Task<List<CompleteItem>> CommitAsync(Actor actor, IReadOnlyList<StoredItemState> items, IReadOnlyList<SignOutcome> outcomes, CancellationToken ct)
    {
        var all = Enumerable.Range(0, items.Count).ToList();
        // The accounting officer's ÖEBs (each with its acceptance) always go one by one.
        if (items.Count > 1 && outcomes.All(s => s.Completed is not null) && items.All(i => i.Role != Role.AccountingOfficer))
        {
            var (together, _) = await TryCommitAsync(actor, items, outcomes, all, ct);
            if (together is not null)
            {
                return together;
            }

            logger.LogInformation("Batch commit of {Count} ÖEBs met a change; committing one by one", items.Count);
        }

        var results = new List<CompleteItem>(items.Count);
        foreach (var i in all)
        {
            var (done, failure) = await TryCommitAsync(actor, items, outcomes, [i], ct);
            results.Add(done is { } one ? one[0] : failure!);
        }

        return results;
    }

    /// <summary>Commits the ÖEBs <paramref name="group"/> together: all (their results) or none (the first failure).</summary>
    private async Task<(List<CompleteItem>? Done, CompleteItem? Failure)> TryCommitAsync(
        Actor actor, IReadOnlyList<StoredItemState> items, IReadOnlyList<SignOutcome> signed, List<int> group, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var ids = group.Select(i => items[i].PaymentOrderId).ToList();
        var orders = await db.PaymentOrders.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var documents = await db.SignedPaymentOrderDocuments.Where(d => ids.Contains(d.PaymentOrderId)).ToDictionaryAsync(d => d.PaymentOrderId, ct);
        (List<CompleteItem>?, CompleteItem?) Fail(int i, string code, string? message)
        {
            var order = orders[items[i].PaymentOrderId];
            if (group.Count == 1)
            {
                logger.LogWarning("ÖEB {OrderId} not signed: {Code}", order.Id, code);
            }

            db.DiscardPendingEvents();
            db.ChangeTracker.Clear();
            return (null, new CompleteItem(order.Id, false, code, message
                ?? $"ÖEB imzaya hazırlandıktan sonra değişti (şimdi '{order.Status.TurkishName()}'); güncel hâlini yeniden imzalayın.", order.Status.ToString()));
        }

        foreach (var i in group)
        {
            var order = orders[items[i].PaymentOrderId];
            var step = order.AwaitedSignature;
            if (signed[i].Completed is null)
            {
                return Fail(i, signed[i].Code!, signed[i].Message);
            }

            if (step?.Role != items[i].Role || !documents.TryGetValue(order.Id, out var document)
                || document.CurrentSha256 != items[i].BaseSha256 || document.Stage != step.Before)
            {
                return Fail(i, "DOCUMENT_CHANGED", null);
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var unitGroup in group.GroupBy(i => (items[i].Role, orders[items[i].PaymentOrderId].SignerUnit(items[i].Role))))
        {
            audit.ActAs(unitGroup.Key.Role, unitGroup.Key.Item2);
            foreach (var i in unitGroup)
            {
                var order = orders[items[i].PaymentOrderId];
                var step = order.AwaitedSignature!;
                if (await transition.ApplyAsync(order, step, actor.Id, signed[i].RevisionSha256!, ct) is { } refusal)
                {
                    await transaction.RollbackAsync(ct);
                    return Fail(i, refusal.Code, refusal.Message);
                }

                documents[order.Id].RecordSigned(step, signed[i].CurrentSha256!, support.Clock.GetUtcNow());
                RecordEvents(order, step, items[i], signed[i]);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (group.Count > 1 || ex is DbUpdateConcurrencyException)
            {
                await transaction.RollbackAsync(ct);
                return Fail(unitGroup.First(), "DOCUMENT_CHANGED", "ÖEB aynı anda başka bir işlemle değişti; güncel hâlini yeniden imzalayın.");
            }
        }

        await transaction.CommitAsync(ct);
        var results = new List<CompleteItem>(group.Count);
        foreach (var i in group)
        {
            var order = orders[items[i].PaymentOrderId];
            logger.LogInformation("ÖEB {OrderId} signed as {Role}: revision {Sha256}, now {Status}", order.Id, items[i].Role, signed[i].RevisionSha256, order.Status);
            results.Add(new CompleteItem(order.Id, true, null, null, order.Status.ToString()));
        }

        return (results, null);
    }

    private void RecordEvents(PaymentOrder order, SignerStep step, StoredItemState item, SignOutcome signed)
    {
        db.RecordEvent("PaymentOrderSigned", nameof(PaymentOrder), order.Id.ToString("D"), JsonSerializer.Serialize(new
        {
            role = step.Role.ToString(),
            sha256 = signed.RevisionSha256,
            previousSha256 = item.BaseSha256,
            signer = signed.SignerName,
            timeStamp = signed.Completed!.TimeStampTime,
            status = order.Status.ToString(),
        }));
        if (step.Role == Role.AccountingOfficer)
        {
            acceptance.RecordAccepted(order, item.BaseSha256, signed.LongTermSha256, new
            {
                signer = signed.SignerName,
                signedSha256 = signed.RevisionSha256,
                timeStamp = signed.Completed.TimeStampTime,
            });
        }
    }
}
