using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Budget;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.StructuredDocuments;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure;
using Mys.Signing.Web.Infrastructure.Authorization;
using Npgsql;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>
/// Prepares a Harcama Talimatı Onay Belgesi (HTOB) for a draft ÖEB: the structured document is stored as its
/// canonical JSON and linked to the ÖEB (document source "system produced") in the same transaction.
/// </summary>
[RequireRole(Role.DataEntryOfficer)]
public sealed class SpendingInstructionModel(MysDbContext db, CurrentUser current, PaymentOrderSupport support, ILogger<SpendingInstructionModel> logger) : PageModel
{
    [FromRoute]
    public Guid UnitId { get; set; }

    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty]
    public HtobInput Input { get; set; } = new();

    [BindProperty]
    public uint FormVersion { get; set; }

    public string OrderNumber { get; private set; } = string.Empty;

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var order = await support.FindAsync(UnitId, Id, HttpContext.RequestAborted);
        if (order is null)
        {
            return NotFound();
        }

        OrderNumber = order.Number.Value;
        FormVersion = support.RowVersionOf(order);
        Input = new HtobInput
        {
            Date = order.DocumentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Amount = order.GrossAmount.ToString(),
            Institutional = order.Classification?.Institutional.Value,
            Functional = order.Classification?.Functional.Value,
            Financing = order.Classification?.Financing.ToString(),
            Economic = order.Classification?.Economic.Value,
            Subject = order.Description,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var order = await support.FindAsync(UnitId, Id, ct);
        if (order is null)
        {
            return NotFound();
        }

        OrderNumber = order.Number.Value;
        if (!order.IsEditable)
        {
            Errors.Add($"ÖEB '{order.Status.TurkishName()}' durumunda; belge bağlanamaz.");
            return Page();
        }

        var amount = Money.Parse(Input.Amount);
        var usable = Money.Parse(Input.UsableAppropriation);
        var line = BudgetClassification.Parse(Input.Institutional, Input.Functional, Input.Financing, Input.Economic);
        var validDate = DateOnly.TryParseExact(Input.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        foreach (var error in new[] { amount.Error, usable.Error, line.Error })
        {
            if (error is not null)
            {
                Errors.Add(error.Message);
            }
        }

        if (!validDate)
        {
            Errors.Add("Tarih geçerli olmalıdır.");
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var created = SpendingInstruction.Create(Guid.NewGuid(), new SpendingInstructionSpec
        {
            Number = Input.Number ?? string.Empty,
            Date = date,
            SpendingUnitId = UnitId,
            Subject = Input.Subject ?? string.Empty,
            Reason = Input.Reason ?? string.Empty,
            LegalBasis = Input.LegalBasis ?? string.Empty,
            Amount = amount.Value,
            UsableAppropriation = usable.Value,
            BudgetLine = line.Value,
            RealizationMethod = Input.RealizationMethod ?? string.Empty,
            AssignedOfficers = string.IsNullOrWhiteSpace(Input.OfficerName) ? [] : [new AssignedOfficer(Input.OfficerName, Input.OfficerTitle ?? string.Empty)],
            Duration = Input.Duration ?? string.Empty,
        });
        if (!created.IsSuccess)
        {
            Errors.Add(created.Error!.Message);
            logger.LogInformation("HTOB for ÖEB {OrderId} refused: {Code}", order.Id, created.Error.Code);
            return Page();
        }

        var htob = created.Value;
        var record = StructuredDocumentRecord.Of(htob.Id, SpendingInstruction.TypeCode, SpendingInstruction.SchemaVersion, UnitId, htob.Number, htob.Date,
            htob.ToCanonicalJson(), current.Id, support.Clock.GetUtcNow());
        db.StructuredDocuments.Add(record);
        support.ExpectRowVersion(order, FormVersion);
        order.AddAttachment(SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
        {
            DocumentTypeCode = SpendingInstruction.TypeCode,
            Source = DocumentSource.SystemProduced,
            StructuredDocumentId = htob.Id.ToString("D"),
        }).Value);
        db.RecordEvent("SpendingInstructionLinked", nameof(PaymentOrder), order.Id.ToString(),
            JsonSerializer.Serialize(new { htobId = htob.Id, number = htob.Number, sha256 = record.Sha256 }));
        try
        {
            if (!await db.TrySaveChangesAsync(logger, ct))
            {
                Errors.Add("Bu ÖEB siz çalışırken değiştirildi; sayfayı yenileyip yeniden deneyin.");
                return Page();
            }
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            Errors.Add("Bu sayıda bir harcama talimatı bu harcama biriminde zaten var.");
            return Page();
        }

        logger.LogInformation("HTOB {HtobId} created and linked to ÖEB {OrderId}", htob.Id, order.Id);
        TempData["po.message"] = $"Harcama talimatı {htob.Number} oluşturuldu ve ÖEB'ye bağlandı.";
        return RedirectToPage("Details", new { unitId = UnitId, id = order.Id });
    }

    public sealed class HtobInput
    {
        public string? Number { get; set; }

        public string? Date { get; set; }

        public string? Subject { get; set; }

        public string? Reason { get; set; }

        public string? LegalBasis { get; set; }

        public string? Amount { get; set; }

        public string? UsableAppropriation { get; set; }

        public string? Institutional { get; set; }

        public string? Functional { get; set; }

        public string? Financing { get; set; }

        public string? Economic { get; set; }

        public string? RealizationMethod { get; set; }

        public string? OfficerName { get; set; }

        public string? OfficerTitle { get; set; }

        public string? Duration { get; set; }
    }
}
