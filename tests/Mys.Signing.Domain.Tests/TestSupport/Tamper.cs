using System.Reflection;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;

namespace Mys.Signing.Domain.Tests.TestSupport;

/// <summary>
/// Puts an ÖEB into a state its public verbs never produce, the way a corrupted or hand-edited database row
/// could be loaded, so that rules guarding against such states can be seen to fail.
/// </summary>
public static class Tamper
{
    public static void Set<T>(PaymentOrder order, string property, T value) =>
        typeof(PaymentOrder).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetValue(order, value);

    public static List<RuleViolation> Run(IPaymentOrderRule rule, PaymentOrder order, RuleContext? context = null)
    {
        var violations = new List<RuleViolation>();
        rule.Evaluate(order, context ?? Fixtures.Context(), violations);
        return violations;
    }
}
