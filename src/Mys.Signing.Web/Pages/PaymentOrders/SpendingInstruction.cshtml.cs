using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Budget;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.StructuredDocuments;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>
/// Prepares a Harcama Talimatı Onay Belgesi (HTOB) for a draft ÖEB: the structured document is stored as its
/// canonical JSON and linked to the ÖEB (document source "system produced") in the same transaction.
/// </summary>
[RequireRole(Role.DataEntryOfficer)]
public sealed class SpendingInstructionModel(CurrentUser current, PaymentOrderSupport support, LinkStructuredDocument link, ILogger<SpendingInstructionModel> logger)
    : StructuredDocumentPageModel(current, support, link)
{
    [BindProperty]
    public HtobInput Input { get; set; } = new();

    protected override void Prefill(PaymentOrder order)
    {
        Input = new HtobInput
        {
            Date = order.DocumentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Amount = order.GrossAmount.ToInputString(),
            Institutional = order.Classification?.Institutional.Value,
            Functional = order.Classification?.Functional.Value,
            Financing = order.Classification?.Financing.ToString(),
            Economic = order.Classification?.Economic.Value,
            Subject = order.Description,
        };
    }

    protected override EnteredStructuredDocument? Enter(PaymentOrder order)
    {
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
            return null;
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
            return null;
        }

        var htob = created.Value;
        return new EnteredStructuredDocument(StructuredDocumentDraft.Of(htob), $"Harcama talimatı {htob.Number} oluşturuldu ve ÖEB'ye bağlandı.");
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
