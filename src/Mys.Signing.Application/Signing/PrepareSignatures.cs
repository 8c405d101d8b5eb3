using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Access;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Certificates;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Rendering;

namespace Mys.Signing.Application.Signing;

/// <summary>
/// First phase of signing ÖEBs with a card (the card signs only digests, through the bridge): the step (realization
/// officer, spending authority or accounting officer) follows from each ÖEB's state and the actor's role in its unit;
/// the certificate is checked; the first prepare of an ÖEB version renders its PDF with a new verification code and
/// stores it; each ÖEB gets a signature revision whose digest is returned. The prepared state goes into a signing
/// session (PostgreSQL, 300 s, single use, bound to user and certificate). ÖEBs that cannot be signed now are listed
/// with their reasons; the others are prepared.
/// </summary>
public sealed class PrepareSignatures(
    MysDbContext db,
    SigningSessionStore sessions,
    IAttachmentStore store,
    SigningComponents signing,
    CertificateRegister register,
    SigningPlanner planner,
    ILogger<PrepareSignatures> logger)
{
    public const int MaxBatch = 100;

    /// <summary>The purpose of the signing sessions of ÖEBs.</summary>
    public const string Purpose = "PaymentOrder";

    /// <param name="requestBaseUrl">scheme://host of the request, printed in the verification link when <see cref="SigningSettings.PublicBaseUrl"/> is not set.</param>
    public async Task<PrepareOutcome> RunAsync(Actor actor, PrepareRequest request, string? requestBaseUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var ids = request.PaymentOrderIds?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > MaxBatch)
        {
            return new Refusal(RefusalKind.Invalid, "BATCH_SIZE", $"İmzalanacak 1 ile {MaxBatch} arasında ÖEB seçin.");
        }

        var certificate = CertificateCheck.Decode(request.Certificate);
        if (certificate is null)
        {
            return CertificateCheck.Malformed();
        }

        var orders = await db.PaymentOrders.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var forbidden = ids.FirstOrDefault(id => !orders.TryGetValue(id, out var o) || !SigningAccess.MayReach(actor, o));
        if (forbidden != Guid.Empty)
        {
            logger.LogWarning("Prepare refused for user {UserId}: ÖEB {OrderId} missing or not in a unit where the user signs", actor.Id, forbidden);
            return SigningAccess.Forbidden();
        }

        if (await CertificateCheck.CheckAsync(signing, certificate, actor.Tckn, ct) is { } refusal)
        {
            logger.LogWarning("Prepare refused for user {UserId}: certificate {Code}", actor.Id, refusal.Code);
            return refusal;
        }

        // The signers' certificate register (expiry banners, unit dashboard) learns of every certificate used to sign.
        await register.RecordAsync(actor.Id, certificate, Domain.Certificates.CertificateSource.Signature, ct);

        var refused = new List<RefusedItem>();
        var plans = await PlanAsync(actor, ids, orders, signing.Settings.PublicBaseUrl ?? requestBaseUrl, refused, ct);
        var (digest, digestName, signatureName) = CertificateCheck.Algorithms(certificate);
        await PrepareRevisionsAsync(actor, plans, certificate, digest, ct);
        await planner.StoreRenderingsAsync(plans.Where(p => p.Refusal is null && p.IsRendering && p.Prepared!.IsSuccess).ToList(), ct);

        var items = new List<PrepareItem>();
        var states = new List<StoredItemState>();
        foreach (var plan in plans)
        {
            var order = plan.Order;
            var itemRefusal = plan.Refusal
                ?? (plan.Prepared!.IsSuccess ? null : new RefusedItem(order.Id, plan.Prepared.Error!.Code, plan.Prepared.Error.Message));
            if (itemRefusal is not null)
            {
                refused.Add(itemRefusal);
                continue;
            }

            var net = order.NetPayable;
            var prepared = plan.Prepared!.Value;
            items.Add(new PrepareItem(order.Id, order.Number.Value, order.Payee?.Name ?? string.Empty, net.Amount, net.ToTurkishString(), "oeb",
                Convert.ToBase64String(prepared.DataToSign)));
            states.Add(new PreparedItemState(order.Id, plan.Step.Role, plan.BaseSha256!, plan.Pdf!.Length, prepared).ToStored());
            plan.Release();
        }

        foreach (var r in refused)
        {
            logger.LogInformation("ÖEB {OrderId} not prepared for signing: {Code}", r.PaymentOrderId, r.Code);
        }

        if (items.Count == 0)
        {
            return new PrepareOutcome(null, new Refusal(RefusalKind.Unprocessable, "NOTHING_TO_SIGN",
                refused.Count == 1 ? refused[0].Message : "Seçilen ÖEB'lerin hiçbiri şu anda imzalanamaz; ayrıntılar listede.")) { Refused = refused };
        }

        var session = await sessions.CreateAsync(actor.Id, certificate, Purpose,
            System.Text.Json.JsonSerializer.Serialize(items.Select(i => i.PaymentOrderId)), SigningSessionFormat.Write(states), ct);
        logger.LogInformation("Signing session {SessionId} prepared for user {UserId}: {Count} ÖEB(s), {Refused} refused", session.Id, actor.Id, items.Count, refused.Count);
        return new PrepareResponse(session.Id, session.ExpiresAt, digestName, signatureName, items, refused);
    }

    // Decided sequentially on this request's DbContext, with the rows every decision needs read in two queries.
    private async Task<List<SigningPlan>> PlanAsync(
        Actor actor, List<Guid> ids, Dictionary<Guid, Domain.PaymentOrders.PaymentOrder> orders, string? publicBaseUrl, List<RefusedItem> refused, CancellationToken ct)
    {
        var copies = await db.PaymentOrders.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var documents = await db.SignedPaymentOrderDocuments.AsNoTracking().Where(d => ids.Contains(d.PaymentOrderId)).ToDictionaryAsync(d => d.PaymentOrderId, ct);
        var printing = new PaymentOrderPrinting.ReferenceData(db);
        var plans = new List<SigningPlan>();
        foreach (var id in ids)
        {
            var (plan, refusal) = await planner.PlanAsync(actor, orders[id], copies[id], documents.GetValueOrDefault(id), printing, publicBaseUrl, ct);
            if (plan is not null)
            {
                plans.Add(plan);
            }
            else
            {
                refused.Add(refusal!);
            }
        }

        return plans;
    }

    // Reading or rendering the PDF, the PAdES revision and storing a new rendering need no DbContext: spread over the cores
    // (the blob store opens its own connections).
    private Task PrepareRevisionsAsync(Actor actor, List<SigningPlan> plans, byte[] certificate, DigestAlgorithm digest, CancellationToken ct) =>
        Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, async (plan, token) =>
        {
            if (!plan.IsRendering)
            {
                plan.Pdf = await ReadAsync(plan.BaseSha256!, token);
                if (plan.Pdf is null)
                {
                    logger.LogError("Stored revision {Sha256} of ÖEB {OrderId} is missing", plan.BaseSha256, plan.Order.Id);
                    plan.Refusal = new RefusedItem(plan.Order.Id, "DOCUMENT_MISSING", "ÖEB'nin belgesi depoda bulunamadı; sistem yöneticisine bildirin.");
                    return;
                }
            }
            else
            {
                // The system-made attachments (HTOB, VİF) are stored before the ÖEB that signs their hashes.
                await AttachmentFiles.StoreRenderedAsync(store, plan.Files!, token);
                plan.Pdf = PaymentOrderRenderer.Render(plan.Model!);
            }

            // Only the appended bytes: the session keeps them (deflated) and complete reads the base back from the store.
            plan.Prepared = signing.Pades.PrepareAppended(new PadesPrepareRequest(plan.Pdf, plan.Step.Field, certificate, signing.Settings.Intermediates)
            {
                Digest = digest,
                Level = signing.TimeStamps is null ? SignatureLevel.BaselineB : SignatureLevel.BaselineT,
                SignerName = actor.User.FullName,
                Reason = plan.Step.Reason,
                AppearanceTime = TurkeyTime.Stamp,
            });
            if (plan.Prepared.IsSuccess && plan.IsRendering)
            {
                plan.BaseSha256 = (await store.SaveGeneratedAsync(plan.Pdf, ContentKind.Pdf, token)).Sha256;
            }
        });

    private async Task<byte[]?> ReadAsync(string sha256, CancellationToken ct)
    {
        await using var stream = await store.OpenReadAsync(sha256, ct);
        if (stream is null)
        {
            return null;
        }

        var content = new byte[stream.Length];
        await stream.ReadExactlyAsync(content, ct);
        return content;
    }
}
