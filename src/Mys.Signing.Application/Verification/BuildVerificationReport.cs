using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Invoices;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Ocr;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Verification;

/// <summary>
/// Builds the <see cref="OebVerificationReport"/> of an ÖEB version with the one validator: loads what the checks need
/// (the signed bytes, the attachments' stored hashes, the recorded signers, OCR results, e-Fatura XML) once, caching
/// names across the reports of an export, and assembles the report from the checks in this folder, in this order:
/// the validator's verdict, the attachments, the signers (order, binding, revision, the officer's authority), the rules
/// and the invoice comparison.
/// </summary>
public sealed class BuildVerificationReport(MysDbContext db, IAttachmentStore store, SignatureValidation validation, PaymentOrderSupport support)
{
    public Task<OebVerificationReport> BuildAsync(PaymentOrder order, SignedPaymentOrderDocument? document, CancellationToken ct) =>
        BuildAsync(order, document, new ReportInputs(), ct);

    public async Task<OebVerificationReport> BuildAsync(PaymentOrder order, SignedPaymentOrderDocument? document, ReportInputs inputs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Shared is { } shared)
        {
            support.UseCatalog(shared.Catalog);
        }

        var report = await HeaderAsync(order, document, inputs, ct);
        if (document is null)
        {
            report.Problems.Add(order.IsWetSigned
                ? "ÖEB ıslak imzalı gönderilmiş (R11); e-imza doğrulaması yapılamaz."
                : "Bu ÖEB için e-imzalı belge yok.");
        }
        else if ((inputs.Pdf ?? await ReadAsync(document.CurrentSha256.Trim(), ct)) is not { } pdf)
        {
            report.Problems.Add("Belgenin imzalı son sürümü depoda bulunamadı.");
        }
        else
        {
            var validator = validation.Validator(report.EmbeddedRevocationDataOnly);
            var result = await validator.ValidatePdfAsync(pdf, await AttachmentHashesAsync(order, pdf, inputs.AttachmentHashes, ct), ct);
            report.Signatures = result;
            report.Problems.AddRange(SignatureVerdictCheck.SignatureProblems(result));
            report.Problems.AddRange(AttachmentHashCheck.Problems(result.Attachments));
            report.Problems.AddRange(SignatureVerdictCheck.DocumentProblems(result));
            await CheckSignersAsync(order, pdf, result, report, inputs.Shared, ct);
        }

        RuleCheck.Add(report, order, await support.RuleContextAsync(order, ct));
        await CompareInvoicesAsync(order, report, ct);
        return report;
    }

    /// <summary>The stored bytes of a revision, or null if the store has none.</summary>
    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken ct)
    {
        await using var stream = await store.OpenReadAsync(sha256, ct);
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private async Task<OebVerificationReport> HeaderAsync(PaymentOrder order, SignedPaymentOrderDocument? document, ReportInputs inputs, CancellationToken ct)
    {
        var spending = await UnitNameAsync(order.SpendingUnitId, inputs.Shared,
            () => db.SpendingUnits.AsNoTracking().Where(u => u.Id == order.SpendingUnitId).Select(u => u.Name).SingleAsync(ct));
        var accounting = await UnitNameAsync(order.AccountingUnitId, inputs.Shared,
            () => db.AccountingUnits.AsNoTracking().Where(u => u.Id == order.AccountingUnitId).Select(u => u.Name).SingleAsync(ct));
        return new OebVerificationReport
        {
            PaymentOrderId = order.Id,
            DocumentNumber = order.Number.Value,
            Version = order.Version,
            DocumentDate = order.DocumentDate,
            SpendingUnit = spending,
            AccountingUnit = accounting,
            Payee = order.Payee?.Name,
            GrossAmount = order.GrossAmount.Amount,
            Status = order.Status.TurkishName(),
            VerificationCode = document?.VerificationCode,
            Stage = document?.Stage.ToString(),
            DocumentSha256 = document?.CurrentSha256.Trim(),
            EmbeddedRevocationDataOnly = inputs.EmbeddedRevocationDataOnly || document?.Stage >= SignedDocumentStage.LongTerm,
        };
    }

    // Signed name → SHA-256 of what the store holds now under the attachment's key (streamed, several files at once), for
    // every row of the signed attachments table and every uploaded file the table does not list.
    private async Task<Dictionary<string, string>> AttachmentHashesAsync(PaymentOrder order, byte[] pdf, IReadOnlyDictionary<string, string>? known,
        CancellationToken ct)
    {
        IReadOnlyList<AttachmentRow> rows;
        try
        {
            rows = AttachmentManifest.Read(PdfFile.Load(pdf));
        }
        catch (PdfFormatException)
        {
            rows = []; // the validator reports the unreadable PDF
        }

        var files = AttachmentFiles.FromManifest(order, rows);
        var stored = known ?? await AttachmentHashing.HashAllAsync(store, files.Where(f => f.Sha256 is not null).Select(f => f.Sha256!), ct);
        return AttachmentHashCheck.Presented(files, stored);
    }

    private async Task CheckSignersAsync(PaymentOrder order, byte[] pdf, ValidationReport result, OebVerificationReport report, SharedReportLookups? shared,
        CancellationToken ct)
    {
        IReadOnlyList<PdfSignatureInfo> infos;
        try
        {
            infos = PdfSignatureInfo.Read(PdfFile.Load(pdf));
        }
        catch (PdfFormatException ex)
        {
            report.Problems.Add("PDF okunamadı (" + ex.Reason + ").");
            return;
        }

        var found = infos.Select((info, i) => (Info: info, Report: i < result.Signatures.Count ? result.Signatures[i] : null))
            .Where(s => !s.Info.IsDocumentTimeStamp && s.Report is not null)
            .Select(s => new FoundSignature(s.Info, s.Report!))
            .ToList();
        SignatureRecord?[] records = [order.RealizationSignature, order.SpendingAuthoritySignature, order.AccountingOfficerSignature];
        var users = await SignersAsync(records.OfType<SignatureRecord>().Select(r => r.SignerId).ToList(), shared, ct);
        var officerHeldRole = order.AccountingOfficerSignature is { } officer && found.Count >= SignerOrderCheck.Fields.Count
            && await HeldAccountingOfficerAsync(order, officer, ct);
        SignerLines.Add(report, order, pdf, found, new SignerEvidence(users, officerHeldRole));
    }

    // The officer held AccountingOfficer in the ÖEB's accounting unit at the moment the signature was recorded.
    private Task<bool> HeldAccountingOfficerAsync(PaymentOrder order, SignatureRecord record, CancellationToken ct) =>
        db.RoleAssignments.AsNoTracking().AnyAsync(a => a.UserId == record.SignerId && a.Role == Domain.Access.Role.AccountingOfficer
            && a.UnitId == order.AccountingUnitId && a.GrantedAt <= record.SignedAt && (a.RevokedAt == null || a.RevokedAt > record.SignedAt), ct);

    private static async Task<string> UnitNameAsync(Guid id, SharedReportLookups? shared, Func<Task<string>> read)
    {
        if (shared?.UnitNames.TryGetValue(id, out var known) == true)
        {
            return known;
        }

        var name = await read();
        shared?.UnitNames.TryAdd(id, name);
        return name;
    }

    private async Task<Dictionary<Guid, RecordedSigner>> SignersAsync(List<Guid> ids, SharedReportLookups? shared, CancellationToken ct)
    {
        var users = new Dictionary<Guid, RecordedSigner>();
        foreach (var id in ids)
        {
            if (shared?.Signers.TryGetValue(id, out var known) == true)
            {
                users[id] = known;
            }
        }

        var missing = ids.Where(id => !users.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            var read = await db.Users.AsNoTracking().Where(u => missing.Contains(u.Id)).Select(u => new { u.Id, u.FullName, u.Tckn }).ToListAsync(ct);
            foreach (var user in read)
            {
                users[user.Id] = new RecordedSigner(user.FullName, user.Tckn);
                shared?.Signers.TryAdd(user.Id, users[user.Id]);
            }
        }

        return users;
    }

    private async Task CompareInvoicesAsync(PaymentOrder order, OebVerificationReport report, CancellationToken ct)
    {
        var lines = (order.AttachmentsDescription ?? string.Empty).Split('\n');
        var payeeTaxId = order.Payee?.TaxId.Value;
        var ocr = await OcrResultsAsync(order, ct);
        var k = 0;
        foreach (var attachment in order.Attachments)
        {
            if (string.Equals(attachment.DocumentTypeCode, DocumentTypeCodes.Invoice, StringComparison.Ordinal))
            {
                var described = k < lines.Length ? lines[k] : null;
                k++;
                var read = attachment.Sha256 is { } sha ? ocr.GetValueOrDefault(sha) : null;
                Add(report, ScannedInvoiceCheck.Line(attachment, described, payeeTaxId, order.DocumentDate,
                    InvoiceOcrCheck.Line(attachment.Invoice ?? InvoiceDetails.Empty, read)));
            }
            else if (string.Equals(attachment.DocumentTypeCode, DocumentTypeCodes.EInvoice, StringComparison.Ordinal) && attachment.StructuredDocumentId is { } ettn)
            {
                if (EInvoiceCheck.Problem(ettn, attachment.EInvoiceSignature) is { } altered)
                {
                    report.Problems.Add(altered);
                }

                Add(report, await EInvoiceAsync(order.Id, ettn, attachment.EInvoiceSignature?.XmlSha256, ct) is { } invoice
                    ? EInvoiceCheck.Line(attachment, ettn, invoice, order)
                    : EInvoiceCheck.NotComparable(attachment, ettn));
            }
        }
    }

    private static void Add(OebVerificationReport report, InvoiceComparisonLine line)
    {
        report.Invoices.Add(line);
        report.Problems.AddRange(line.Differences.Select(d => "Fatura karşılaştırması: " + d));
    }

    // The OCR results of the ÖEB's scanned invoices by file hash (filled by the invoice-ocr job).
    private async Task<Dictionary<string, InvoiceOcrResult>> OcrResultsAsync(PaymentOrder order, CancellationToken ct)
    {
        var hashes = order.Attachments
            .Where(a => a.Sha256 is not null && string.Equals(a.DocumentTypeCode, DocumentTypeCodes.Invoice, StringComparison.Ordinal))
            .Select(a => a.Sha256!).Distinct(StringComparer.Ordinal).ToList();
        return hashes.Count == 0
            ? new Dictionary<string, InvoiceOcrResult>(StringComparer.Ordinal)
            : await db.InvoiceOcrResults.AsNoTracking().Where(r => hashes.Contains(r.Sha256)).ToDictionaryAsync(r => r.Sha256.Trim(), StringComparer.Ordinal, ct);
    }

    // The e-Fatura XML is kept in the attachment store under the hash its stored verdict names; for e-Faturas linked
    // before verdicts were stored, the hash is in the upload's audit event, found through the
    // ÖEB's own events (indexed by entity) rather than by searching the whole trail's text.
    private async Task<EInvoice?> EInvoiceAsync(Guid orderId, string ettn, string? xmlSha256, CancellationToken ct)
    {
        if (xmlSha256 is not null && await ReadAsync(xmlSha256.Trim(), ct) is { } stored && new UblTrInvoiceReader().Read(stored) is { IsSuccess: true } read)
        {
            return read.Value;
        }

        var entityId = orderId.ToString();
        var events = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(PaymentOrder) && a.EntityId == entityId)
            .Where(a => a.Action == "PaymentOrderAttachmentUploaded" && a.Changes != null && a.Changes.Contains(ettn))
            .OrderByDescending(a => a.Id).Select(a => a.Changes!).Take(5).ToListAsync(ct);
        foreach (var json in events)
        {
            using var parsed = JsonDocument.Parse(json);
            if (parsed.RootElement.ValueKind == JsonValueKind.Object && parsed.RootElement.TryGetProperty("sha256", out var sha) && sha.GetString() is { } hash
                && await ReadAsync(hash, ct) is { } xml)
            {
                var invoice = new UblTrInvoiceReader().Read(xml);
                if (invoice.IsSuccess)
                {
                    return invoice.Value;
                }
            }
        }

        return null;
    }
}
