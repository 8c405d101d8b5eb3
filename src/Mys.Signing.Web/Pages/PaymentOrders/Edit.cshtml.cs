using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;
using Npgsql;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>Creates an ÖEB (no id) or edits a draft: header, expense type, classification, lines, payee, amounts, contract.</summary>
[RequireRole(Role.DataEntryOfficer)]
public sealed class EditModel(MysDbContext db, CurrentUser current, PaymentOrderSupport support, ILogger<EditModel> logger) : PageModel
{
    [FromRoute]
    public Guid UnitId { get; set; }

    [FromRoute]
    public Guid? Id { get; set; }

    [BindProperty]
    public PaymentOrderForm Form { get; set; } = new();

    [BindProperty]
    public uint FormVersion { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? Error { get; private set; }

    public IReadOnlyList<ExpenseType> ExpenseTypes { get; private set; } = [];

    public bool IsNew => Id is null;

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        await LoadListsAsync(ct);
        if (Id is null)
        {
            var today = TurkeyTime.Today(support.Clock);
            Form = new PaymentOrderForm { DocumentDate = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), BudgetYear = today.Year };
            Form.PadLines();
            return Page();
        }

        var order = await support.FindAsync(UnitId, Id.Value, ct);
        if (order is null)
        {
            return NotFound();
        }

        if (!order.IsEditable)
        {
            return RedirectToPage("Details", new { unitId = UnitId, id = order.Id });
        }

        Form = PaymentOrderForm.From(order);
        FormVersion = support.RowVersionOf(order);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var catalog = await support.CatalogAsync(ct);
        await LoadListsAsync(ct);
        Form.PadLines();
        var parsed = Form.Validate(Errors, code => catalog.FindExpenseType(code) is not null);
        if (parsed is null)
        {
            logger.LogInformation("ÖEB form refused in unit {UnitId}: {Fields}", UnitId, string.Join(",", Errors.Keys));
            Error = "Formda düzeltilmesi gereken alanlar var.";
            return Page();
        }

        var actor = new Actor(current.Id, Role.DataEntryOfficer);
        PaymentOrder order;
        if (Id is null)
        {
            var unit = await db.SpendingUnits.AsNoTracking().SingleAsync(u => u.Id == UnitId, ct);
            var created = PaymentOrder.Create(Guid.NewGuid(), parsed.Number, parsed.DocumentDate, Form.BudgetYear, UnitId, unit.AccountingUnitId, parsed.ExpenseTypeCode, actor, support.Clock.GetUtcNow());
            if (!created.IsSuccess)
            {
                Error = created.Error!.Message;
                logger.LogInformation("ÖEB creation refused in unit {UnitId}: {Code}", UnitId, created.Error.Code);
                return Page();
            }

            order = created.Value;
            db.PaymentOrders.Add(order);
        }
        else
        {
            var found = await support.FindAsync(UnitId, Id.Value, ct);
            if (found is null)
            {
                return NotFound();
            }

            if (!found.IsEditable)
            {
                Error = $"ÖEB '{found.Status.TurkishName()}' durumunda; artık değiştirilemez.";
                logger.LogInformation("Edit of ÖEB {OrderId} refused: state {Status}", found.Id, found.Status);
                return Page();
            }

            order = found;
            support.ExpectRowVersion(order, FormVersion);
        }

        var applied = parsed.ApplyTo(order);
        if (!applied.IsSuccess)
        {
            Error = applied.Error!.Message;
            logger.LogInformation("ÖEB form refused in unit {UnitId}: {Code}", UnitId, applied.Error.Code);
            return Page();
        }

        bool saved;
        try
        {
            saved = await db.TrySaveChangesAsync(logger, ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            logger.LogInformation("ÖEB number {Number} already used in unit {UnitId}, year {Year}", parsed.Number.Value, UnitId, Form.BudgetYear);
            db.ChangeTracker.Clear();
            Errors[nameof(PaymentOrderForm.Number)] = "Bu belge sayısı bu harcama biriminde bu bütçe yılı için zaten kullanılmış.";
            Error = "Formda düzeltilmesi gereken alanlar var.";
            return Page();
        }

        if (!saved)
        {
            var fresh = await support.FindAsync(UnitId, order.Id, ct);
            Error = "Bu ÖEB siz düzenlerken başka biri tarafından değiştirildi. Güncel bilgiler aşağıda; değişikliğinizi yeniden yapın.";
            if (fresh is not null)
            {
                ModelState.Clear();
                Form = PaymentOrderForm.From(fresh);
                FormVersion = support.RowVersionOf(fresh);
            }

            return Page();
        }

        logger.LogInformation("ÖEB {OrderId} {Action} in unit {UnitId}", order.Id, Id is null ? "created" : "updated", UnitId);
        return RedirectToPage("Details", new { unitId = UnitId, id = order.Id });
    }

    public string? ErrorFor(string key) => Errors.GetValueOrDefault(key);

    private async Task LoadListsAsync(CancellationToken ct) =>
        ExpenseTypes = (await support.CatalogAsync(ct)).ExpenseTypes.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
}
