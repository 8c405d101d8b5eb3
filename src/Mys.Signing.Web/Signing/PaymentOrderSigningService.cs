using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Application.Signing;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Diagnostics;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Web.Infrastructure.Authorization;
using Mys.Signing.Web.Pages.PaymentOrders;

namespace Mys.Signing.Web.Signing;

/// <summary>
/// Two-phase signing of ÖEBs for the browser (the card signs only digests, through the bridge).
/// <para>Prepare: the step (realization officer or spending authority) follows from the ÖEB's state and the user's
/// role in the ÖEB's spending unit; the certificate is checked; the first prepare of an ÖEB version renders its PDF
/// with a new verification code and stores it; each ÖEB gets a signature revision whose digest is returned. The
/// prepared state goes into a signing session (PostgreSQL, 300 s, single use, bound to user and certificate).</para>
/// <para>Complete: the session is claimed once; then per ÖEB, in its own transaction, the signature value is verified
/// against the certificate before it is embedded, time-stamped (B-T), the result is validated, stored, and the ÖEB
/// moves on. One failing ÖEB leaves the others signed and itself as it was.</para>
/// <para>The accounting officer's step (ÖEB SentToAccounting, field MuhasebeYetkilisi) signs and accepts at once: the
/// verification report must hold at prepare (before the PIN) and again before the signature is appended, the signed revision is raised to B-LT (/DSS for all
/// three signatures) and the acceptance is saved with the document in the same transaction.</para>
/// </summary>
public sealed class PaymentOrderSigningService(
    MysDbContext db,
    CurrentUser current,
    SigningSessionStore sessions,
    IAttachmentStore store,
    PaymentOrderSupport support,
    SigningComponents signing,
    Mys.Signing.Infrastructure.Certificates.CertificateRegister register,
    Pages.Accounting.PaymentOrderReview review,
    IHttpContextAccessor http,
    ILogger<PaymentOrderSigningService> logger)
{
    public const int MaxBatch = 100;
    public const string Purpose = "PaymentOrder";

    public const string TimeStampUnavailableMessage =
        "Zaman damgası sunucusuna şu anda ulaşılamıyor. Bu ÖEB imzalanmadı ve olduğu gibi duruyor; önceki imzalar korunuyor. Birkaç dakika sonra yeniden imzalayın.";

    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.General);

    /// <summary>True when the user holds a signing role somewhere (otherwise the API answers 403).</summary>
    public bool MaySign => StepRoles.Any(current.HoldsAnywhere);

    public async Task<SigningOutcome<PrepareResponse>> PrepareAsync(PrepareRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = request.PaymentOrderIds?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > MaxBatch)
        {
            return new SigningProblem(StatusCodes.Status400BadRequest, "BATCH_SIZE", $"İmzalanacak 1 ile {MaxBatch} arasında ÖEB seçin.");
        }

        var certificate = CertificateCheck.Decode(request.Certificate);
        if (certificate is null)
        {
            return CertificateCheck.Malformed();
        }

        var orders = await db.PaymentOrders.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var forbidden = ids.FirstOrDefault(id => !orders.TryGetValue(id, out var o) || !MayReach(o));
        if (forbidden != Guid.Empty)
        {
            logger.LogWarning("Prepare refused for user {UserId}: ÖEB {OrderId} missing or not in a unit where the user signs", current.Id, forbidden);
            return Forbidden();
        }

        if (await CertificateCheck.CheckAsync(signing, certificate, current.User!.Tckn, ct) is { } refusal)
        {
            logger.LogWarning("Prepare refused for user {UserId}: certificate {Code}", current.Id, refusal.Code);
            return refusal;
        }

        // The signers' certificate register (expiry banners, unit dashboard) learns of every certificate used to sign.
        await register.RecordAsync(current.Id, certificate, Domain.Certificates.CertificateSource.Signature, ct);

        var (digest, digestName, signatureName) = CertificateCheck.Algorithms(certificate);
        var chain = signing.Settings.Intermediates;
        var items = new List<PrepareItem>();
        var states = new List<PreparedItemState>();
        var refused = new List<RefusedItem>();
        // Decided sequentially on this request's DbContext, with the rows every decision needs read in two queries.
        var copies = await db.PaymentOrders.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var documents = await db.SignedPaymentOrderDocuments.AsNoTracking().Where(d => ids.Contains(d.PaymentOrderId)).ToDictionaryAsync(d => d.PaymentOrderId, ct);
        var printing = new PaymentOrderPrinting.ReferenceData(db);
        var plans = new List<Plan>();
        foreach (var id in ids)
        {
            var plan = await PlanAsync(orders[id], copies[id], documents.GetValueOrDefault(id), printing, ct);
            if (plan.Refusal is { } r)
            {
                refused.Add(r);
            }
            else
            {
                plans.Add(plan);
            }
        }

        // Reading or rendering the PDF, the PAdES revision and storing a new rendering need no DbContext: spread over the cores
        // (the blob store opens its own connections).
        await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, async (plan, token) =>
        {
            if (plan.Model is null)
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
                plan.Pdf = PaymentOrderRenderer.Render(plan.Model);
            }

            plan.Prepared = signing.Pades.Prepare(new PadesPrepareRequest(plan.Pdf, plan.Step.Field, certificate, chain)
            {
                Digest = digest,
                Level = signing.TimeStamps is null ? SignatureLevel.BaselineB : SignatureLevel.BaselineT,
                SignerName = current.User!.FullName,
                Reason = plan.Step.Reason,
            });
            if (plan.Prepared.IsSuccess && plan.Model is not null)
            {
                plan.BaseSha256 = (await store.SaveGeneratedAsync(plan.Pdf, ContentKind.Pdf, token)).Sha256;
            }
        });

        await StoreRenderingsAsync(plans.Where(p => p.Refusal is null && p.Model is not null && p.Prepared!.IsSuccess).ToList(), ct);
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
            states.Add(new PreparedItemState(order.Id, plan.Step.Role, plan.BaseSha256!, plan.Pdf!.Length, prepared));
        }

        foreach (var r in refused)
        {
            logger.LogInformation("ÖEB {OrderId} not prepared for signing: {Code}", r.PaymentOrderId, r.Code);
        }

        if (items.Count == 0)
        {
            return new SigningProblem(StatusCodes.Status422UnprocessableEntity, "NOTHING_TO_SIGN",
                refused.Count == 1 ? refused[0].Message : "Seçilen ÖEB'lerin hiçbiri şu anda imzalanamaz; ayrıntılar listede.") { Refused = refused };
        }

        var session = await sessions.CreateAsync(current.Id, certificate, Purpose,
            JsonSerializer.Serialize(items.Select(i => i.PaymentOrderId)),
            JsonSerializer.Serialize(states.Select(s => s.ToStored()), StateJson), ct);
        logger.LogInformation("Signing session {SessionId} prepared for user {UserId}: {Count} ÖEB(s), {Refused} refused", session.Id, current.Id, items.Count, refused.Count);
        return new PrepareResponse(session.Id, session.ExpiresAt, digestName, signatureName, items, refused);
    }

    public async Task<SigningOutcome<CompleteResponse>> CompleteAsync(CompleteRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var certificate = CertificateCheck.Decode(request.Certificate);
        if (certificate is null)
        {
            return CertificateCheck.Malformed();
        }

        var session = await db.SigningSessions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == request.SessionId && s.UserId == current.Id && s.Purpose == Purpose, ct);
        if (session is null)
        {
            return new SigningProblem(StatusCodes.Status404NotFound, "SESSION_NOT_FOUND", "İmza oturumu bulunamadı. İmzalamayı yeniden başlatın.");
        }

        var stored = JsonSerializer.Deserialize<List<StoredItemState>>(session.PreparedState, StateJson) ?? [];
        var signatures = request.Signatures ?? [];
        if (signatures.Count != stored.Count)
        {
            return new SigningProblem(StatusCodes.Status422UnprocessableEntity, "SIGNATURE_COUNT",
                $"Hazırlanan {stored.Count} belge için {signatures.Count} imza değeri geldi; her belge için sırasıyla bir imza gönderilmelidir.");
        }

        var claim = await sessions.ClaimAsync(request.SessionId, current.Id, certificate, ct);
        if (!claim.IsSuccess)
        {
            logger.LogWarning("Complete refused for user {UserId}, session {SessionId}: {Code}", current.Id, request.SessionId, claim.Error!.Code);
            return SessionProblem(claim.Error!);
        }

        await db.SaveChangesAsync(ct); // the claim's audit event
        var items = stored.Select(PreparedItemState.FromStored).ToList();
        var ids = items.Select(i => i.PaymentOrderId).ToList();
        var revisions = await db.SignedPaymentOrderDocuments.AsNoTracking().Where(d => ids.Contains(d.PaymentOrderId))
            .ToDictionaryAsync(d => d.PaymentOrderId, d => d.CurrentSha256, ct);
        // Verifying, time-stamping, validating and storing need no DbContext: several at once (CPU work and the TSA's round
        // trips overlap); an ÖEB already moved on is skipped.
        var refusedEarly = await AcceptanceChecksAsync(items, revisions, ct);
        var signed = new SignOutcome[items.Count];
        var durations = new TimeSpan[items.Count];
        var concurrency = Math.Max(Environment.ProcessorCount, signing.Settings.CompletionConcurrency);
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
            async (i, token) =>
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                signed[i] = refusedEarly[i] ?? (revisions.GetValueOrDefault(items[i].PaymentOrderId) == items[i].BaseSha256
                    ? await SignAsync(items[i], signatures[i], token)
                    : SignOutcome.Changed);
                durations[i] = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            });
        var results = await CommitBatchAsync(items, signed, ct);
        if (results is null)
        {
            results = [];
            for (var i = 0; i < items.Count; i++)
            {
                results.Add(await CommitOneAsync(items[i], signed[i], ct));
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            SigningMetrics.SignatureCompleted(items[i].Role.ToString(), "oeb", results[i].Ok ? "signed" : results[i].Code ?? "failed", durations[i]);
        }

        logger.LogInformation("Signing session {SessionId} completed: {Ok}/{Count} signed", session.Id, results.Count(r => r.Ok), results.Count);
        return new CompleteResponse(session.Id, results);
    }

    // The accounting officer signs only an ÖEB whose verification report holds (live revocation data): checked at prepare,
    // before the PIN is asked for, and again at complete before anything is appended (things may change in between). On
    // this request's DbContext; a refusal leaves the ÖEB as it was.
    private async Task<(string Code, string Message)?> ReportRefusalAsync(PaymentOrder order, SignedPaymentOrderDocument document, string phase, CancellationToken ct)
    {
        var problems = await review.ReportProblemsAsync(order, document, ct);
        if (problems.Count == 0)
        {
            return null;
        }

        logger.LogWarning("ÖEB {OrderId} not signed by the accounting officer ({Phase}): verification report not green: {Problems}", order.Id, phase, problems);
        return ("REPORT_NOT_GREEN", "Doğrulama raporu olumlu değil; ÖEB imzalanıp kayda alınamaz (iade edebilirsiniz): " + string.Join(" ", problems));
    }

    private async Task<SignOutcome?[]> AcceptanceChecksAsync(List<PreparedItemState> items, Dictionary<Guid, string> revisions, CancellationToken ct)
    {
        var outcomes = new SignOutcome?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.Role != Role.AccountingOfficer || revisions.GetValueOrDefault(item.PaymentOrderId) != item.BaseSha256)
            {
                continue;
            }

            var order = await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == item.PaymentOrderId, ct);
            var document = await db.SignedPaymentOrderDocuments.AsNoTracking().SingleAsync(d => d.PaymentOrderId == item.PaymentOrderId, ct);
            if (await ReportRefusalAsync(order, document, "complete", ct) is { } refusal)
            {
                outcomes[i] = SignOutcome.Failed(refusal.Code, refusal.Message);
            }
        }

        return outcomes;
    }

    // The spending unit's signers reach their unit's ÖEBs; the accounting officer only those sent to the accounting unit
    // (as the inbox shows them). Anything else is refused as a whole without revealing that the ÖEB exists.
    private bool MayReach(PaymentOrder order) =>
        current.Holds(Role.RealizationOfficer, order.SpendingUnitId) || current.Holds(Role.SpendingAuthority, order.SpendingUnitId)
        || (order.SentAt is not null && current.Holds(Role.AccountingOfficer, order.AccountingUnitId));

    private static readonly Role[] StepRoles = [Role.RealizationOfficer, Role.SpendingAuthority, Role.AccountingOfficer];

    private static SigningProblem Forbidden() =>
        new(StatusCodes.Status403Forbidden, "FORBIDDEN", "Seçilen ÖEB'lerden en az birini imzalama yetkiniz yok (rolünüz bu ÖEB'nin harcama veya muhasebe biriminde değil).");

    private static SigningProblem SessionProblem(DomainError error) => error.Code switch
    {
        "SESSION_USED" => new(StatusCodes.Status409Conflict, error.Code, error.Message),
        "SESSION_EXPIRED" => new(StatusCodes.Status410Gone, error.Code, error.Message),
        "SESSION_CERT_MISMATCH" => new(StatusCodes.Status422UnprocessableEntity, error.Code, error.Message),
        _ => new(StatusCodes.Status404NotFound, error.Code, error.Message),
    };

    /// <summary>What prepare does for one ÖEB: decided sequentially (database), rendered and prepared in parallel (CPU).</summary>
    private sealed class Plan(PaymentOrder order)
    {
        public PaymentOrder Order { get; } = order;

        public SignerStep Step { get; set; } = null!;

        public RefusedItem? Refusal { get; set; }

        /// <summary>Set when this prepare renders the ÖEB (first prepare of the version).</summary>
        public PaymentOrderPrintModel? Model { get; set; }

        public string? VerificationCode { get; set; }

        /// <summary>The attachments as files, when this prepare renders the ÖEB.</summary>
        public IReadOnlyList<AttachmentFile>? Files { get; set; }

        public byte[]? Pdf { get; set; }

        public string? BaseSha256 { get; set; }

        public SignatureResult<PadesPrepared>? Prepared { get; set; }
    }

    private async Task<Plan> PlanAsync(
        PaymentOrder order, PaymentOrder copy, SignedPaymentOrderDocument? document, PaymentOrderPrinting.ReferenceData printing, CancellationToken ct)
    {
        var plan = new Plan(order);
        Plan Refuse(string code, string message)
        {
            plan.Refusal = new RefusedItem(order.Id, code, message);
            return plan;
        }

        var step = SignerStep.For(order.Status);
        if (step is null)
        {
            return Refuse("WRONG_STATE", $"ÖEB '{order.Status.TurkishName()}' durumunda; şu anda imzalanamaz.");
        }

        plan.Step = step;
        if (!current.Holds(step.Role, SignerStep.UnitOf(step.Role, order)))
        {
            return Refuse("NOT_YOUR_STEP", $"ÖEB {step.WaitingFor} imzasını bekliyor; bu imzayı siz atamazsınız.");
        }

        if (step.Role == Role.SpendingAuthority && order.RealizationSignature?.SignerId == current.Id)
        {
            return Refuse("PO_SAME_SIGNER", "Gerçekleştirme görevlisi ile harcama yetkilisi aynı kişi olamaz.");
        }

        // The dry run mutates its copy (never saved); the order itself is rendered as it is.
        var rules = await DryRunAsync(copy, step, ct);
        if (rules is not null)
        {
            return Refuse(rules.Value.Code, rules.Value.Message);
        }

        if (document is null && step.Stage == SignedDocumentStage.Rendered)
        {
            plan.VerificationCode = VerificationCode.New();
            plan.Files = await new AttachmentFiles(db, store).CurrentAsync(order, ct);
            plan.Model = await PaymentOrderPrinting.BuildAsync(order, printing, await support.CatalogAsync(ct), plan.Files, plan.VerificationCode,
                $"{PublicBaseUrl()}/dogrula/{plan.VerificationCode}", ct);
            return plan;
        }

        if (document is null || document.Stage != step.Stage)
        {
            logger.LogError("ÖEB {OrderId} in {Status} has signed document stage {Stage}", order.Id, order.Status, document?.Stage);
            return Refuse("DOCUMENT_STATE", "ÖEB'nin imzalı belgesi durumuyla uyuşmuyor; sistem yöneticisine bildirin.");
        }

        if (step.Role == Role.AccountingOfficer && await ReportRefusalAsync(order, document, "prepare", ct) is { } notGreen)
        {
            return Refuse(notGreen.Code, notGreen.Message);
        }

        plan.BaseSha256 = document.CurrentSha256;
        return plan;
    }

    // Runs the transition the completion will run, on an untracked copy that is never saved: refuses early what would fail later.
    private async Task<(string Code, string Message)?> DryRunAsync(PaymentOrder copy, SignerStep step, CancellationToken ct)
    {
        var (report, error) = await TransitionAsync(copy, step, "0000", ct);
        return error ?? (report!.IsSatisfied ? null : RulesRefusal(report));
    }

    private async Task<(RuleReport? Report, (string Code, string Message)? Error)> TransitionAsync(PaymentOrder order, SignerStep step, string reference, CancellationToken ct)
    {
        var context = await support.RuleContextAsync(order, ct);
        var actor = new Actor(current.Id, step.Role);
        var now = support.Clock.GetUtcNow();
        try
        {
            var report = step.Role switch
            {
                Role.RealizationOfficer => order.RecordRealizationSignature(actor, now, reference, PaymentOrderRuleSet.Default, context),
                Role.SpendingAuthority => order.RecordSpendingAuthoritySignature(actor, now, reference, PaymentOrderRuleSet.Default, context),
                _ => order.AcceptSigned(actor, now, reference, PaymentOrderRuleSet.Default, context),
            };
            return (report, null);
        }
        catch (DomainException ex)
        {
            return (null, (ex.Code, ex.Message));
        }
    }

    private static (string Code, string Message) RulesRefusal(RuleReport report) =>
        ("RULES_NOT_SATISFIED", "ÖEB kurallara uymuyor: " + string.Join(" ", report.Violations.Select(v => v.Message)));

    /// <summary>
    /// Adds the document rows of first renderings (their PDFs are already stored), all in one save; if a concurrent prepare
    /// rendered one of them first (unique key), row by row so that only that ÖEB is refused.
    /// </summary>
    private async Task StoreRenderingsAsync(List<Plan> rendered, CancellationToken ct)
    {
        if (rendered.Count == 0)
        {
            return;
        }

        var now = support.Clock.GetUtcNow();
        SignedPaymentOrderDocument Row(Plan plan) => new()
        {
            PaymentOrderId = plan.Order.Id,
            VerificationCode = plan.VerificationCode!,
            RenderedSha256 = plan.BaseSha256!,
            CurrentSha256 = plan.BaseSha256!,
            Stage = SignedDocumentStage.Rendered,
            RenderedAt = now,
            UpdatedAt = now,
        };

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

    private string PublicBaseUrl() =>
        signing.Settings.PublicBaseUrl
        ?? (http.HttpContext?.Request is { } r ? $"{r.Scheme}://{r.Host}" : throw new InvalidOperationException("Mys:PublicBaseUrl is not configured."));

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

    private sealed record SignOutcome(PadesCompleted? Completed, string? RevisionSha256, string? SignerName, string? Code, string? Message)
    {
        /// <summary>The accounting officer's step: the B-LT revision stored after the signed one (the document's new current revision).</summary>
        public string? LongTermSha256 { get; init; }

        public static readonly SignOutcome Changed = new(null, null, null, "DOCUMENT_CHANGED", null);

        public static SignOutcome Failed(string code, string message) => new(null, null, null, code, message);
    }

    /// <summary>Verifies the value against the certificate, time-stamps, assembles, validates and stores the revision; touches no DbContext.</summary>
    private async Task<SignOutcome> SignAsync(PreparedItemState item, string signatureBase64, CancellationToken ct)
    {
        byte[] value;
        try
        {
            value = Convert.FromBase64String(signatureBase64 ?? string.Empty);
        }
        catch (FormatException)
        {
            return SignOutcome.Failed("SIGNATURE_MALFORMED", "İmza değeri okunamadı (base64 değil).");
        }

        var basePdf = await ReadAsync(item.BaseSha256, ct);
        if (basePdf is null || basePdf.Length != item.BaseLength)
        {
            return SignOutcome.Failed("DOCUMENT_MISSING", "ÖEB'nin belgesi depoda bulunamadı; sistem yöneticisine bildirin.");
        }

        var completed = await signing.Pades.CompleteAsync(item.WithBase(basePdf), value, ct);
        if (completed.Error is { Code: "TSA_UNAVAILABLE" } tsaDown)
        {
            // Retried and timed out by the HTTP client's resilience pipeline already; nothing of this ÖEB was stored.
            logger.LogWarning("ÖEB {OrderId} not signed: time-stamp authority unavailable ({Detail})", item.PaymentOrderId, tsaDown.Message);
            return SignOutcome.Failed(tsaDown.Code, TimeStampUnavailableMessage);
        }

        if (!completed.IsSuccess)
        {
            return SignOutcome.Failed(completed.Error!.Code, completed.Error.Message);
        }

        var validation = await signing.DocumentValidator.ValidatePdfAsync(completed.Value.Pdf, ct);
        if (!validation.Signatures.All(s => s.IsPassed) || validation.Signatures.Count == 0)
        {
            logger.LogError("Signed ÖEB {OrderId} failed validation: {Report}", item.PaymentOrderId, validation.ToJson());
            return SignOutcome.Failed("SIGNED_DOCUMENT_INVALID", "İmzalı belge doğrulamadan geçmedi: " + validation.Message);
        }

        // Stored before the state change (content-addressed; a revision whose ÖEB then fails to move on stays unreferenced).
        var revision = await store.SaveGeneratedAsync(completed.Value.Pdf, ContentKind.Pdf, ct);
        var outcome = new SignOutcome(completed.Value, revision.Sha256, validation.Signatures[^1].SignerName, null, null);
        if (item.Role != Role.AccountingOfficer)
        {
            return outcome;
        }

        // Acceptance raises the document to B-LT: /DSS with the validation data of all three signatures.
        var longTerm = await review.StoreLongTermAsync(completed.Value.Pdf, ct);
        if (longTerm.Error is { } error)
        {
            logger.LogError("ÖEB {OrderId} signed by the accounting officer but the B-LT upgrade failed: {Error}", item.PaymentOrderId, error);
            return SignOutcome.Failed("LONG_TERM_FAILED", error);
        }

        return outcome with { LongTermSha256 = longTerm.Sha256 };
    }

    /// <summary>
    /// The usual case of a batch, in one transaction: every ÖEB is still where prepare left it and moves on, one save per
    /// (role, spending unit) so that each audit row names the unit it acted in. Null when anything is unusual (an ÖEB
    /// changed, a rule now refuses, a concurrent save): nothing of the batch is saved then, and the caller commits ÖEB by
    /// ÖEB, which refuses exactly the ones that cannot move on.
    /// </summary>
    private async Task<List<CompleteItem>?> CommitBatchAsync(List<PreparedItemState> items, SignOutcome[] signed, CancellationToken ct)
    {
        if (signed.Any(s => s.Completed is null) || items.Any(i => i.Role == Role.AccountingOfficer))
        {
            return null;
        }

        db.ChangeTracker.Clear();
        var ids = items.Select(i => i.PaymentOrderId).ToList();
        var orders = await db.PaymentOrders.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var documents = await db.SignedPaymentOrderDocuments.Where(d => ids.Contains(d.PaymentOrderId)).ToDictionaryAsync(d => d.PaymentOrderId, ct);
        var steps = new SignerStep[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var step = SignerStep.For(orders[item.PaymentOrderId].Status);
            if (step?.Role != item.Role || !documents.TryGetValue(item.PaymentOrderId, out var document)
                || document.CurrentSha256 != item.BaseSha256 || document.Stage != step.Stage)
            {
                db.ChangeTracker.Clear();
                return null;
            }

            steps[i] = step;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var group in Enumerable.Range(0, items.Count).GroupBy(i => (items[i].Role, orders[items[i].PaymentOrderId].SpendingUnitId)))
            {
                current.ActAs(group.Key.Role, group.Key.SpendingUnitId);
                foreach (var i in group)
                {
                    var order = orders[items[i].PaymentOrderId];
                    var (report, error) = await TransitionAsync(order, steps[i], signed[i].RevisionSha256!, ct);
                    if (error is not null || !report!.IsSatisfied)
                    {
                        await AbandonAsync();
                        return null;
                    }

                    var document = documents[order.Id];
                    document.CurrentSha256 = signed[i].RevisionSha256!;
                    document.Stage = steps[i].After;
                    document.UpdatedAt = support.Clock.GetUtcNow();
                    RecordSigned(order, steps[i], items[i], signed[i]);
                }

                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation(ex, "Batch commit of {Count} ÖEBs hit a concurrent change; committing one by one", items.Count);
            await AbandonAsync();
            return null;
        }

        var results = new List<CompleteItem>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var order = orders[items[i].PaymentOrderId];
            logger.LogInformation("ÖEB {OrderId} signed as {Role}: revision {Sha256}, now {Status}", order.Id, steps[i].Role, signed[i].RevisionSha256, order.Status);
            results.Add(new CompleteItem(order.Id, true, null, null, order.Status.ToString()));
        }

        return results;

        async Task AbandonAsync()
        {
            await transaction.RollbackAsync(ct);
            db.DiscardPendingEvents();
            db.ChangeTracker.Clear();
        }
    }

    private void RecordSigned(PaymentOrder order, SignerStep step, PreparedItemState item, SignOutcome signed) =>
        db.RecordEvent("PaymentOrderSigned", nameof(PaymentOrder), order.Id.ToString("D"), JsonSerializer.Serialize(new
        {
            role = step.Role.ToString(),
            sha256 = signed.RevisionSha256,
            previousSha256 = item.BaseSha256,
            signer = signed.SignerName,
            timeStamp = signed.Completed!.TimeStampTime,
            status = order.Status.ToString(),
        }));

    private async Task<CompleteItem> CommitOneAsync(PreparedItemState item, SignOutcome signed, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var order = await db.PaymentOrders.SingleAsync(o => o.Id == item.PaymentOrderId, ct);
        var changed = $"ÖEB imzaya hazırlandıktan sonra değişti (şimdi '{order.Status.TurkishName()}'); güncel hâlini yeniden imzalayın.";
        CompleteItem Fail(string code, string message)
        {
            logger.LogWarning("ÖEB {OrderId} not signed: {Code}", item.PaymentOrderId, code);
            db.ChangeTracker.Clear();
            return new CompleteItem(item.PaymentOrderId, false, code, message, order.Status.ToString());
        }

        if (signed.Completed is not { } completed)
        {
            return Fail(signed.Code!, signed.Message ?? changed);
        }

        var step = SignerStep.For(order.Status);
        var document = await db.SignedPaymentOrderDocuments.SingleOrDefaultAsync(d => d.PaymentOrderId == order.Id, ct);
        if (step?.Role != item.Role || document is null || document.CurrentSha256 != item.BaseSha256 || document.Stage != step.Stage)
        {
            return Fail("DOCUMENT_CHANGED", changed);
        }

        var revisionSha256 = signed.RevisionSha256!;
        current.ActAs(item.Role, SignerStep.UnitOf(item.Role, order));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (report, error) = await TransitionAsync(order, step, revisionSha256, ct);
        if (error is { } e)
        {
            return Fail(e.Code, e.Message);
        }

        if (!report!.IsSatisfied)
        {
            var refusal = RulesRefusal(report);
            return Fail(refusal.Code, refusal.Message);
        }

        document.CurrentSha256 = signed.LongTermSha256 ?? revisionSha256;
        document.Stage = step.After;
        document.UpdatedAt = support.Clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(ct);
            return Fail("DOCUMENT_CHANGED", "ÖEB aynı anda başka bir işlemle değişti; güncel hâlini yeniden imzalayın.");
        }

        // Recorded only once the state change saved, so a refused save never leaves this event pending.
        RecordSigned(order, step, item, signed);
        if (step.Role == Role.AccountingOfficer)
        {
            Pages.Accounting.PaymentOrderReview.RecordAccepted(db, order, item.BaseSha256, signed.LongTermSha256, new
            {
                signer = signed.SignerName,
                signedSha256 = revisionSha256,
                timeStamp = completed.TimeStampTime,
            });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("ÖEB {OrderId} signed as {Role}: revision {Sha256}, now {Status}", order.Id, step.Role, revisionSha256, order.Status);
        return new CompleteItem(order.Id, true, null, null, order.Status.ToString());
    }

    /// <summary>Who signs in a state: role, field on the PDF, the document stage that must precede and the one that follows.</summary>
    private sealed record SignerStep(Role Role, string Field, SignedDocumentStage Stage, SignedDocumentStage After, string Reason, string WaitingFor)
    {
        private static readonly SignerStep Realization = new(Role.RealizationOfficer, SignerFields.RealizationOfficer, SignedDocumentStage.Rendered,
            SignedDocumentStage.RealizationSigned, "Gerçekleştirme görevlisi onayı", "gerçekleştirme görevlisinin");

        private static readonly SignerStep SpendingAuthority = new(Role.SpendingAuthority, SignerFields.SpendingAuthority, SignedDocumentStage.RealizationSigned,
            SignedDocumentStage.SpendingAuthoritySigned, "Harcama yetkilisi onayı", "harcama yetkilisinin");

        private static readonly SignerStep AccountingOfficer = new(Role.AccountingOfficer, SignerFields.AccountingOfficer, SignedDocumentStage.SpendingAuthoritySigned,
            SignedDocumentStage.LongTerm, "Muhasebe yetkilisi onayı (kayda alma)", "muhasebe yetkilisinin");

        public static SignerStep? For(PaymentOrderStatus status) => status switch
        {
            PaymentOrderStatus.AwaitingRealizationSignature => Realization,
            PaymentOrderStatus.AwaitingSpendingAuthoritySignature => SpendingAuthority,
            PaymentOrderStatus.SentToAccounting => AccountingOfficer,
            _ => null,
        };

        /// <summary>The unit where a signer of this role must hold it: the ÖEB's accounting unit for the accounting officer.</summary>
        public static Guid UnitOf(Role role, PaymentOrder order) => role == Role.AccountingOfficer ? order.AccountingUnitId : order.SpendingUnitId;
    }

    /// <summary>
    /// One prepared ÖEB. The session stores only what prepare appended to the stored revision (deflated; mostly the
    /// zero-filled /Contents), not the whole PDF: complete reads the base revision back and checks it is unchanged.
    /// </summary>
    private sealed record PreparedItemState(Guid PaymentOrderId, Role Role, string BaseSha256, int BaseLength, PadesPrepared Prepared)
    {
        public StoredItemState ToStored()
        {
            using var buffer = new MemoryStream();
            using (var deflate = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                deflate.Write(Prepared.Pdf, BaseLength, Prepared.Pdf.Length - BaseLength);
            }

            return new StoredItemState(PaymentOrderId, Role, BaseSha256, BaseLength, buffer.ToArray(), WithPdf(Prepared, []).ToJson());
        }

        public static PreparedItemState FromStored(StoredItemState stored) =>
            new(stored.PaymentOrderId, stored.Role, stored.BaseSha256, stored.BaseLength, PadesPrepared.FromJson(stored.Prepared)) { Appended = stored.Appended };

        private byte[] Appended { get; init; } = [];

        public PadesPrepared WithBase(byte[] basePdf)
        {
            using var output = new MemoryStream(basePdf.Length + 65536);
            output.Write(basePdf);
            using (var inflate = new ZLibStream(new MemoryStream(Appended), CompressionMode.Decompress))
            {
                inflate.CopyTo(output);
            }

            return WithPdf(Prepared, output.ToArray());
        }

        private static PadesPrepared WithPdf(PadesPrepared p, byte[] pdf) => new()
        {
            Version = p.Version,
            FieldName = p.FieldName,
            Pdf = pdf,
            ContentsOffset = p.ContentsOffset,
            ContentsHexLength = p.ContentsHexLength,
            SignedAttributes = p.SignedAttributes,
            DataToSign = p.DataToSign,
            DocumentDigest = p.DocumentDigest,
            Digest = p.Digest,
            Level = p.Level,
            SignerCertificate = p.SignerCertificate,
            Chain = p.Chain,
            SigningTime = p.SigningTime,
        };
    }

    /// <summary>JSON shape of one item in <see cref="SigningSession.PreparedState"/>.</summary>
    private sealed record StoredItemState(Guid PaymentOrderId, Role Role, string BaseSha256, int BaseLength, byte[] Appended, string Prepared);
}
