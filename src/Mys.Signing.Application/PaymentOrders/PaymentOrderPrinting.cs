using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Signatures.Rendering;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>Maps a stored ÖEB onto the renderer's print model (the same mapping the signing flow uses).</summary>
public static class PaymentOrderPrinting
{
    public static Task<PaymentOrderPrintModel> BuildAsync(
        PaymentOrder order, MysDbContext db, DocumentCatalog catalog, IReadOnlyList<AttachmentFile> files, string verificationCode, string verificationUrl,
        CancellationToken ct) =>
        BuildAsync(order, new ReferenceData(db), catalog, files, verificationCode, verificationUrl, ct);

    /// <summary>The units and institutions printed on ÖEBs, read once per unit for a batch.</summary>
    public sealed class ReferenceData(MysDbContext db)
    {
        private readonly Dictionary<Guid, (string Name, string Code, string Institution)> _spendingUnits = [];
        private readonly Dictionary<Guid, (string Name, string Code)> _accountingUnits = [];

        public async Task<(string Name, string Code, string Institution)> SpendingUnitAsync(Guid id, CancellationToken ct)
        {
            if (!_spendingUnits.TryGetValue(id, out var found))
            {
                var unit = await db.SpendingUnits.AsNoTracking().SingleAsync(u => u.Id == id, ct);
                var institution = await db.Institutions.AsNoTracking().Where(i => i.Id == unit.InstitutionId).Select(i => i.Name).SingleAsync(ct);
                _spendingUnits[id] = found = (unit.Name, unit.InstitutionalCode, institution);
            }

            return found;
        }

        public async Task<(string Name, string Code)> AccountingUnitAsync(Guid id, CancellationToken ct)
        {
            if (!_accountingUnits.TryGetValue(id, out var found))
            {
                var unit = await db.AccountingUnits.AsNoTracking().SingleAsync(u => u.Id == id, ct);
                _accountingUnits[id] = found = (unit.Name, unit.Code);
            }

            return found;
        }
    }

    /// <param name="files">The attachments as files (<see cref="AttachmentFiles.CurrentAsync"/>), in the order's attachment order: each
    /// row of the signed attachments table gets the file's name, size and SHA-256.</param>
    public static async Task<PaymentOrderPrintModel> BuildAsync(
        PaymentOrder order, ReferenceData reference, DocumentCatalog catalog, IReadOnlyList<AttachmentFile> files, string verificationCode, string verificationUrl,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(files);
        var unit = await reference.SpendingUnitAsync(order.SpendingUnitId, ct);
        var accounting = await reference.AccountingUnitAsync(order.AccountingUnitId, ct);
        var institution = unit.Institution;
        var deductions = order.Deductions;
        var net = order.NetPayable;
        return new PaymentOrderPrintModel
        {
            DocumentNumber = order.Number.Value,
            DocumentDate = order.DocumentDate,
            BudgetYear = order.BudgetYear,
            InstitutionName = institution,
            SpendingUnitName = unit.Name,
            SpendingUnitCode = unit.Code,
            AccountingUnitName = accounting.Name,
            AccountingUnitCode = accounting.Code,
            BudgetLines = order.Classification is { } c
                ? [new BudgetClassificationRow(c.Institutional.ToString(), c.Functional.ToString(), c.Financing.ToString(), c.Economic.ToString(), order.GrossAmount.Amount)]
                : [],
            AccountingLines = order.Lines
                .Select(l => new AccountingLineRow(l.Account.ToString(), ChartOfAccounts.NameOf(l.Account) ?? string.Empty, l.Side == AccountSide.Debit ? l.Amount.Amount : 0m, l.Side == AccountSide.Credit ? l.Amount.Amount : 0m))
                .ToList(),
            GrossAmount = order.GrossAmount.Amount,
            Deductions = new (string Name, Money Amount)[]
                {
                    ("KDV Tevkifatı", deductions.VatWithholding), ("Damga Vergisi", deductions.StampDuty),
                    ("Gelir Vergisi Stopajı", deductions.IncomeTaxWithholding), ("SGK Kesintisi", deductions.SocialSecurity),
                    ("Diğer Kesintiler", deductions.Other),
                }
                .Where(d => d.Amount.IsPositive)
                .Select(d => new DeductionRow(d.Name, d.Amount.Amount))
                .ToList(),
            NetAmount = net.Amount,
            AmountInWords = net.IsPositive ? AmountInWords.ToTurkish(net) : string.Empty,
            Payee = order.Payee is { } p
                ? new PayeeInfo(p.Name, p.TaxId.Value, p.Iban.Value, p.BankName ?? string.Empty)
                : new PayeeInfo(string.Empty, string.Empty, string.Empty, string.Empty),
            Description = order.Description ?? string.Empty,
            AttachmentsDescription = order.AttachmentsDescription,
            Attachments = Rows(order, catalog, files),
            Signers =
            [
                new SignerSlot("Gerçekleştirme Görevlisi", SignerFields.RealizationOfficer, string.Empty, string.Empty),
                new SignerSlot("Harcama Yetkilisi", SignerFields.SpendingAuthority, string.Empty, string.Empty),
                new SignerSlot("Muhasebe Yetkilisi", SignerFields.AccountingOfficer, string.Empty, string.Empty),
            ],
            VerificationCode = verificationCode,
            VerificationUrl = verificationUrl,
            GeneratedAt = new DateTimeOffset(order.DocumentDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        };
    }

    // The name is cleaned again here (defence in depth: whatever reached the attachment, nothing but a clean name is signed).
    private static List<AttachmentRow> Rows(PaymentOrder order, DocumentCatalog catalog, IReadOnlyList<AttachmentFile> files)
    {
        var byId = new Dictionary<Guid, AttachmentFile>();
        foreach (var file in files)
        {
            byId.TryAdd(file.AttachmentId, file);
        }

        return order.Attachments
            .Select(a =>
            {
                var file = byId.GetValueOrDefault(a.Id);
                return new AttachmentRow(
                    catalog.FindDocumentType(a.DocumentTypeCode)?.Name ?? a.DocumentTypeCode,
                    a.Source.TurkishName(),
                    AttachmentFileName.Clean(file?.Name ?? a.FileName ?? a.StructuredDocumentId),
                    file?.Size ?? 0,
                    (file?.Sha256 ?? string.Empty).ToUpperInvariant(),
                    a.Id);
            })
            .ToList();
    }

    /// <summary>The file name of the printed ÖEB, e.g. <c>OEB-2026-000045-v1.pdf</c>.</summary>
    public static string FileName(PaymentOrder order, bool preview)
    {
        ArgumentNullException.ThrowIfNull(order);
        var number = new string(order.Number.Value.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray());
        return string.Create(CultureInfo.InvariantCulture, $"OEB-{number}-v{order.Version}{(preview ? "-onizleme" : string.Empty)}.pdf");
    }
}
