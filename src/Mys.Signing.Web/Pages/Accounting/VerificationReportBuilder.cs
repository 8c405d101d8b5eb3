using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.Invoices;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Infrastructure.Ocr;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Validation;
using Mys.Signing.Web.Pages.PaymentOrders;

namespace Mys.Signing.Web.Pages.Accounting;

/// <summary>
/// What a caller building many reports in a row (the export) shares between them: the catalogue and the names of units
/// and signers, each read once instead of once per ÖEB. Thread-safe.
/// </summary>
public sealed class SharedReportLookups(DocumentCatalog catalog)
{
    public DocumentCatalog Catalog => catalog;

    internal ConcurrentDictionary<Guid, string> UnitNames { get; } = new();

    internal ConcurrentDictionary<Guid, (string FullName, string Tckn)> Signers { get; } = new();
}

/// <summary>
/// What the caller already has, so nothing is read twice: <see cref="Pdf"/> the bytes to validate (the current revision,
/// or the export's copy of it with /DSS added), <see cref="AttachmentHashes"/> the SHA-256 (hex) of each attachment's
/// stored content by its store key. With <see cref="EmbeddedRevocationDataOnly"/> signatures are checked with the
/// OCSP/CRL answers the PDF holds (as <c>mys verify --offline</c> will), not fetched again.
/// </summary>
public sealed record ReportInputs(
    byte[]? Pdf = null, IReadOnlyDictionary<string, string>? AttachmentHashes = null, bool EmbeddedRevocationDataOnly = false, SharedReportLookups? Shared = null);

/// <summary>Builds the <see cref="OebVerificationReport"/> of an ÖEB version with the one validator.</summary>
public sealed class VerificationReportBuilder(MysDbContext db, IAttachmentStore store, SignatureValidation validation, PaymentOrderSupport support)
{
    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

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

        var spending = await UnitNameAsync(order.SpendingUnitId, inputs.Shared,
            () => db.SpendingUnits.AsNoTracking().Where(u => u.Id == order.SpendingUnitId).Select(u => u.Name).SingleAsync(ct));
        var accounting = await UnitNameAsync(order.AccountingUnitId, inputs.Shared,
            () => db.AccountingUnits.AsNoTracking().Where(u => u.Id == order.AccountingUnitId).Select(u => u.Name).SingleAsync(ct));
        var embeddedOnly = inputs.EmbeddedRevocationDataOnly || document?.Stage >= SignedDocumentStage.LongTerm;
        var report = new OebVerificationReport
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
            EmbeddedRevocationDataOnly = embeddedOnly,
        };

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
            var validator = validation.Validator(embeddedOnly);
            var result = await validator.ValidatePdfAsync(pdf, await AttachmentHashesAsync(order, pdf, inputs.AttachmentHashes, ct), ct);
            report.Signatures = result;
            // The decisive reason first: the worst signature (its reason is the report's message), then the others.
            var failing = result.Signatures.Where(s => s.Indication != Indication.TotalPassed)
                .OrderByDescending(s => Verdicts.Severity(s.Indication)).ThenBy(s => Verdicts.Decisiveness(s.SubIndication));
            foreach (var signature in failing)
            {
                report.Problems.Add($"{signature.Role ?? signature.FieldName ?? signature.Kind}: {signature.Reason} ({string.Join(", ", signature.Findings)})");
            }

            foreach (var attachment in result.Attachments.Where(a => a.Status != AttachmentStatus.Match))
            {
                report.Problems.Add(attachment.Message);
            }

            if (result.Signatures.Count == 0 || result.Findings.Count > 0)
            {
                report.Problems.Add(result.Message + (result.Findings.Count > 0 ? " (" + string.Join(", ", result.Findings) + ")" : string.Empty));
            }

            await CheckSignersAsync(order, pdf, result, report, inputs.Shared, ct);
        }

        var context = await support.RuleContextAsync(order, ct);
        foreach (var violation in PaymentOrderRuleSet.Default.Evaluate(order, context).Violations)
        {
            report.Rules.Add(new RuleLine(violation.Code, violation.Message, violation.Path));
            report.Problems.Add($"Kural {violation.Code}: {violation.Message}");
        }

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

    // Signed name → SHA-256 of what the store holds now under the attachment's key (streamed, several files at once), for
    // every row of the signed attachments table and every uploaded file the table does not list. A row without a key
    // (nothing stored, or a table signed without a hash) presents nothing: the check reports it, never as a match.
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
        var actual = known ?? await AttachmentHashing.HashAllAsync(store, files.Where(f => f.Sha256 is not null).Select(f => f.Sha256!), ct);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file.Sha256 is { } key && actual.TryGetValue(key, out var hash))
            {
                hashes.TryAdd(file.Name, hash);
            }
        }

        return hashes;
    }

    // The PAdES signatures must be, in this order, the realization officer's and the spending authority's (R5), by the
    // people the ÖEB records, each producing exactly the revision the domain recorded; then, only when the ÖEB was
    // accepted with it, the accounting officer's, by an officer of the ÖEB's accounting unit at signing time.
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
            .ToList();
        var expected = new (string Field, SignatureRecord? Record)[]
        {
            (SignerFields.RealizationOfficer, order.RealizationSignature),
            (SignerFields.SpendingAuthority, order.SpendingAuthoritySignature),
            (SignerFields.AccountingOfficer, order.AccountingOfficerSignature),
        };
        var signerIds = expected.Where(e => e.Record is not null).Select(e => e.Record!.SignerId).ToList();
        var users = await SignersAsync(signerIds, shared, ct);
        for (var i = 0; i < expected.Length; i++)
        {
            var (field, record) = expected[i];
            var role = SignerFields.RoleTitle(field)!;
            (string FullName, string Tckn)? user = record is not null && users.TryGetValue(record.SignerId, out var u) ? u : null;
            if (i >= found.Count && field == SignerFields.AccountingOfficer && record is null)
            {
                break; // optional: accepted without the officer's signature, or not accepted yet
            }

            if (i >= found.Count)
            {
                var missing = $"{role} imzası belgede yok.";
                report.Signers.Add(new SignerCheck(role, field, user?.FullName, user?.Tckn, null, null, null, null, null, false, "-", false, missing));
                report.Problems.Add(missing);
                continue;
            }

            var (info, signature) = found[i];
            var problems = new List<string>();
            if (!string.Equals(info.FieldName, field, StringComparison.Ordinal))
            {
                problems.Add($"İmza sırası yanlış: {i + 1}. imza {role} imzası olmalı, belgede {SignerFields.RoleTitle(info.FieldName) ?? info.FieldName} alanında.");
            }

            if (record is null)
            {
                problems.Add(field == SignerFields.AccountingOfficer
                    ? $"{role} alanında {signature!.SignerName ?? "bilinmeyen biri"} imzası var, ancak ÖEB muhasebe yetkilisince imzalanarak kayda alınmadı."
                    : $"ÖEB'de {role} imzası kayıtlı değil.");
            }
            else
            {
                if (user is null || !string.Equals(user.Value.Tckn, signature!.Tckn, StringComparison.Ordinal))
                {
                    problems.Add($"{role} alanını imzalayan kişi ÖEB'de kayıtlı {role} değil.");
                }

                var revision = Convert.ToHexStringLower(SHA256.HashData(pdf.AsSpan(0, (int)Math.Min(info.SignedEnd, pdf.Length))));
                if (!string.Equals(revision, record.SignatureReference, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{role} imzasının imzaladığı sürüm ÖEB'de kayıtlı sürümle aynı değil.");
                }
            }

            if (field == SignerFields.AccountingOfficer && record is not null)
            {
                problems.AddRange(await OfficerProblemsAsync(order, record, report.AccountingUnit, signature!, report, ct));
            }

            var status = signature!.Revocation is { } r
                ? $"{r.Status} ({r.Source}{(r.ProducedAt is { } at ? ", " + TurkeyTime.ToTurkey(at).ToString("dd.MM.yyyy HH:mm", Turkish) : string.Empty)})"
                : null;
            var message = problems.Count == 0 ? "İmza ÖEB kaydıyla uyumlu." : string.Join(" ", problems);
            report.Signers.Add(new SignerCheck(role, info.FieldName, user?.FullName, user?.Tckn, signature.SignerName, signature.Tckn,
                signature.ClaimedSigningTime, signature.TimeStampTime, status, signature.Qualified, signature.Level, problems.Count == 0, message));
            report.Problems.AddRange(problems);
        }

        foreach (var (info, _) in found.Skip(expected.Length))
        {
            report.Problems.Add($"Belgede beklenmeyen imza: {info.FieldName}.");
        }
    }

    // The officer held AccountingOfficer in the ÖEB's accounting unit when signing, and signed after the spending authority.
    private async Task<List<string>> OfficerProblemsAsync(
        PaymentOrder order, SignatureRecord record, string accountingUnit, SignatureReport signature, OebVerificationReport report, CancellationToken ct)
    {
        var problems = new List<string>();
        var held = await db.RoleAssignments.AsNoTracking().AnyAsync(a => a.UserId == record.SignerId && a.Role == Domain.Access.Role.AccountingOfficer
            && a.UnitId == order.AccountingUnitId && a.GrantedAt <= record.SignedAt && (a.RevokedAt == null || a.RevokedAt > record.SignedAt), ct);
        if (record.Role != Domain.Access.Role.AccountingOfficer || !held)
        {
            problems.Add($"Muhasebe Yetkilisi imzasını atan kişi, imza anında {accountingUnit} biriminin muhasebe yetkilisi değildi.");
        }

        var spending = report.Signers.FirstOrDefault(s => s.FieldName == SignerFields.SpendingAuthority);
        var at = signature.TimeStampTime ?? signature.ClaimedSigningTime;
        var before = spending?.TimeStamp ?? spending?.SignedAt;
        if (at is null || before is null || at < before)
        {
            problems.Add("Muhasebe Yetkilisi imzası harcama yetkilisinin imzasından sonra atılmış olmalı.");
        }

        return problems;
    }

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

    private async Task<Dictionary<Guid, (string FullName, string Tckn)>> SignersAsync(List<Guid> ids, SharedReportLookups? shared, CancellationToken ct)
    {
        var users = new Dictionary<Guid, (string FullName, string Tckn)>();
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
            foreach (var (id, user) in await db.Users.AsNoTracking().Where(u => missing.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.FullName, u.Tckn), ct))
            {
                users[id] = user;
                shared?.Signers.TryAdd(id, user);
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
                var invoice = attachment.Invoice ?? InvoiceDetails.Empty;
                var expectedLine = AttachmentsDescription.Line(invoice);
                var described = k < lines.Length ? lines[k] : null;
                k++;
                var fields = new List<ComparedField>
                {
                    new("Ek belgeler açıklaması", described, expectedLine, string.Equals(described, expectedLine, StringComparison.Ordinal)),
                    new("VKN/TCKN", payeeTaxId, invoice.SupplierTaxId?.Trim(), string.Equals(payeeTaxId, invoice.SupplierTaxId?.Trim(), StringComparison.Ordinal)),
                    new("Fatura tarihi", Date(order.DocumentDate), invoice.InvoiceDate is { } d ? Date(d) : null, invoice.InvoiceDate is { } id && id <= order.DocumentDate),
                    new("Fatura no", null, invoice.InvoiceNumber, !string.IsNullOrWhiteSpace(invoice.InvoiceNumber)),
                };
                var differences = new List<string>();
                AddDifference(fields[0], "Ek belgeler açıklamasındaki satır faturaya girilen bilgilerle aynı değil (R9).", differences);
                AddDifference(fields[1], "Faturayı düzenleyenin VKN/TCKN'si hak sahibininkiyle aynı değil.", differences);
                AddDifference(fields[2], "Fatura tarihi yok veya ÖEB tarihinden sonra.", differences);
                AddDifference(fields[3], "Fatura numarası girilmemiş.", differences);
                Add(report, new InvoiceComparisonLine("Fatura (taranmış/e-Arşiv)", attachment.Id, attachment.FileName, attachment.MediaType, fields, differences, null,
                    OcrLine(invoice, attachment.Sha256 is { } sha ? ocr.GetValueOrDefault(sha) : null)));
            }
            else if (string.Equals(attachment.DocumentTypeCode, DocumentTypeCodes.EInvoice, StringComparison.Ordinal) && attachment.StructuredDocumentId is { } ettn)
            {
                var verdict = attachment.EInvoiceSignature;
                var signatureRow = SignatureRow(verdict);
                // Only tampering blocks the green verdict; an invalid value, an unsigned or unchecked e-Fatura is shown in its
                // row (never as success) and left to the accounting unit, since real, GİB-accepted invoices carry such defects.
                if (verdict is { Status: EInvoiceVerdictStatus.Altered })
                {
                    report.Problems.Add($"e-Fatura imzası (ETTN {ettn}): {verdict.StatusLabel}.");
                }

                var invoice = await EInvoiceAsync(order.Id, ettn, verdict?.XmlSha256, ct);
                if (invoice is null)
                {
                    Add(report, new InvoiceComparisonLine("e-Fatura", attachment.Id, ettn, null, [signatureRow], [],
                        "e-Fatura ETTN ile bağlı; XML'i sistemde olmadığından alan alan karşılaştırılamadı.") { Signature = verdict });
                    continue;
                }

                var payable = order.GrossAmount - order.Deductions.VatWithholding;
                var fields = new List<ComparedField>
                {
                    new("VKN/TCKN", payeeTaxId, invoice.Supplier.Value, string.Equals(payeeTaxId, invoice.Supplier.Value, StringComparison.Ordinal)),
                    new("Ödenecek tutar (brüt − KDV tevkifatı)", payable.ToTurkishString(), invoice.PayableInTry?.ToTurkishString() ?? $"{invoice.PayableAmount.ToString(Turkish)} {invoice.Currency}",
                        invoice.PayableInTry is { } p && p == payable),
                    new("Fatura tarihi", Date(order.DocumentDate), Date(invoice.IssueDate), invoice.IssueDate <= order.DocumentDate),
                    new("Fatura no", null, invoice.InvoiceNumber, true),
                    signatureRow,
                };
                var differences = EInvoiceComparison.Compare(invoice, order).Select(d => d.Message).ToList();
                Add(report, new InvoiceComparisonLine("e-Fatura", attachment.Id, ettn, "application/xml", fields, differences, null) { Signature = verdict });
            }
        }
    }

    /// <summary>The e-Fatura signature's own row: the stored verdict and the signer; green only when it verified.</summary>
    public const string SignatureRowLabel = "e-Fatura imzası";

    private static ComparedField SignatureRow(EInvoiceSignatureVerdict? verdict) => verdict is null
        ? new ComparedField(SignatureRowLabel, null, "Denetlenmedi (imza kararı saklanmadan önce bağlanmış)", false)
        : new ComparedField(SignatureRowLabel, null,
            verdict.StatusLabel + (verdict.Signer is { } signer ? " — " + signer : string.Empty)
            + (EInvoiceVerdicts.SupplierMatch(verdict) is { } match ? " — " + match : string.Empty),
            verdict.IsVerified);

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

    private static InvoiceOcrLine OcrLine(InvoiceDetails typed, InvoiceOcrResult? result) => result switch
    {
        null => new InvoiceOcrLine(InvoiceOcrLine.Pending, null, [], null, null),
        { Status: InvoiceOcrStatus.Read } => new InvoiceOcrLine(InvoiceOcrLine.Read, null, InvoiceOcrComparison.Compare(typed, InvoiceTextParser.Parse(result.Text)), result.Engine, result.AttemptedAt),
        _ => new InvoiceOcrLine(InvoiceOcrLine.Failed, result.Error ?? "bilinmeyen hata", [], result.Engine, result.AttemptedAt),
    };

    private static void Add(OebVerificationReport report, InvoiceComparisonLine line)
    {
        report.Invoices.Add(line);
        report.Problems.AddRange(line.Differences.Select(d => "Fatura karşılaştırması: " + d));
    }

    private static void AddDifference(ComparedField field, string message, List<string> differences)
    {
        if (!field.Matches)
        {
            differences.Add(message);
        }
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

    private static string Date(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
