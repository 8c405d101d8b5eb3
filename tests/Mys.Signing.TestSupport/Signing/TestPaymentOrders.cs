using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Budget;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Infrastructure.Catalog;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.TestSupport.Signing;

/// <summary>Creates complete ÖEBs (electricity bill linked to an e-Fatura) submitted for signature, ready for the signing API.</summary>
public static class TestPaymentOrders
{
    private static int _counter;

    public static async Task<IReadOnlyList<Guid>> CreateAwaitingSignatureAsync(IServiceProvider services, int count = 1, Guid? spendingUnitId = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var unitId = spendingUnitId ?? DemoData.SpendingUnitId;
        var unit = await db.SpendingUnits.AsNoTracking().SingleAsync(u => u.Id == unitId);
        var dataEntryTckn = DemoData.Accounts.Single(a => a.Role == Role.DataEntryOfficer).Tckn;
        var creator = await db.Users.AsNoTracking().Where(u => u.Tckn == dataEntryTckn).Select(u => u.Id).SingleAsync();
        var actor = new Actor(creator, Role.DataEntryOfficer);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(3)).DateTime);
        var context = RuleContext.Create(await DocumentCatalogLoader.LoadAsync(db), EmptyContractHistory.Instance, RuleOptions.Default, clock);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var number = string.Create(CultureInfo.InvariantCulture, $"T/{Interlocked.Increment(ref _counter):000000}-{Guid.NewGuid().ToString("N")[..6]}");
            var gross = 1000m + i;
            var order = PaymentOrder.Create(Guid.NewGuid(), DocumentNumber.From(number), today, today.Year, unitId, unit.AccountingUnitId, ExpenseTypeCodes.Electricity, actor, now).Value;
            order.SetClassification(BudgetClassification.Parse(unit.InstitutionalCode, "01.3.9.00", "1", "03.2.1.01").Value);
            var stamp = Money.From(decimal.Round(gross * 0.00948m, 2));
            order.SetAmounts(Money.From(gross), Deductions.Create(stampDuty: stamp).Value);
            order.AddLine(AccountingLine.Debit("630", gross));
            order.AddLine(AccountingLine.Credit("320.01", gross - stamp.Amount));
            order.AddLine(AccountingLine.Credit("360", stamp.Amount));
            order.SetPayee(Payee.Create("Başkent Elektrik Dağıtım A.Ş.", TaxId.From("4540536920"), "Çankaya", Iban.From("TR330006100519786457841326"), "Ziraat Bankası").Value);
            order.SetDescription("Elektrik bedeli (test)");
            order.AddAttachment(SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
            {
                DocumentTypeCode = DocumentTypeCodes.EInvoice, Source = DocumentSource.EFaturaLink, StructuredDocumentId = Guid.NewGuid().ToString("D"),
            }).Value);
            var report = order.SubmitForSignature(actor, now, PaymentOrderRuleSet.Default, context);
            if (!report.IsSatisfied)
            {
                throw new InvalidOperationException("Test ÖEB could not be submitted: " + string.Join("; ", report.Violations));
            }

            db.PaymentOrders.Add(order);
            ids.Add(order.Id);
        }

        await db.SaveChangesAsync();
        var store = scope.ServiceProvider.GetRequiredService<Mys.Signing.Infrastructure.Storage.IAttachmentStore>();
        foreach (var order in db.PaymentOrders.Local.Where(o => ids.Contains(o.Id)).ToList())
        {
            await DemoEInvoices.StoreAsync(db, store, order);
        }

        return ids;
    }
}
