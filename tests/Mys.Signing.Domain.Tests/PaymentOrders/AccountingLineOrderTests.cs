using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Tests.TestSupport;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

/// <summary>Accounting lines in the paper form's order, whatever order they were entered or loaded in, and their names.</summary>
public sealed class AccountingLineOrderTests
{
    [Fact]
    public void Debit_lines_come_first_then_credit_lines_each_by_account_code()
    {
        var order = new PaymentOrderBuilder().WithoutLines().Build();
        order.AddLine(AccountingLine.Credit("360", 11.80m));
        order.AddLine(AccountingLine.Credit("320.10", 1m));
        order.AddLine(AccountingLine.Debit("830", 1180m));
        order.AddLine(AccountingLine.Credit("320.2", 1167.20m));
        order.AddLine(AccountingLine.Debit("630", 1180m));
        order.AddLine(AccountingLine.Credit("320", 1m));

        order.Lines.Select(l => (l.Side, l.Account.Value)).ShouldBe(
        [
            (AccountSide.Debit, "630"), (AccountSide.Debit, "830"),
            (AccountSide.Credit, "320"), (AccountSide.Credit, "320.2"), (AccountSide.Credit, "320.10"), (AccountSide.Credit, "360"),
        ]);
    }

    [Fact]
    public void The_same_lines_in_any_entry_order_are_shown_alike()
    {
        AccountingLine[] lines = [AccountingLine.Debit("630", 100m), AccountingLine.Credit("320.01", 98m), AccountingLine.Credit("360", 2m)];
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var permutation in new[] { new[] { 0, 1, 2 }, [2, 1, 0], [1, 2, 0], [1, 0, 2] })
        {
            var order = new PaymentOrderBuilder().WithoutLines().Build();
            foreach (var i in permutation)
            {
                order.AddLine(lines[i]);
            }

            shown.Add(string.Join(" ", order.Lines.Select(l => l.Account.Value)));
        }

        shown.ShouldBe(["630 320.01 360"]);
    }

    [Fact]
    public void Removing_by_position_removes_the_line_shown_there()
    {
        var order = new PaymentOrderBuilder().WithoutLines().Build();
        order.AddLine(AccountingLine.Credit("320", 10m));
        order.AddLine(AccountingLine.Debit("630", 10m));

        order.RemoveLineAt(0);

        order.Lines.ShouldHaveSingleItem().Account.Value.ShouldBe("320");
    }

    [Theory]
    [InlineData("630", "Giderler Hesabı")]
    [InlineData("320.01", "Bütçe Emanetleri Hesabı")]
    [InlineData("360", "Ödenecek Vergi ve Fonlar Hesabı")]
    [InlineData("830.01.02", "Bütçe Giderleri Hesabı")]
    public void Accounts_are_named_from_the_chart_sub_accounts_after_their_main_account(string code, string name) =>
        ChartOfAccounts.NameOf(AccountCode.From(code)).ShouldBe(name);

    [Fact]
    public void An_account_not_in_the_chart_has_no_name() => ChartOfAccounts.NameOf(AccountCode.From("999")).ShouldBeNull();

    [Fact]
    public void Every_line_of_the_demo_and_test_orders_has_a_name() =>
        new PaymentOrderBuilder().Build().Lines.ShouldAllBe(l => ChartOfAccounts.NameOf(l.Account) != null);
}
