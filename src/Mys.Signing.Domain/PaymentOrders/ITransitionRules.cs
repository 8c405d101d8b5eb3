namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// What a forward transition checks the state it would produce against. The ÖEB's transitions depend on this port,
/// not on the rule set itself, because the rules read the ÖEB (Rules → PaymentOrders, never back).
/// </summary>
public interface ITransitionRules
{
    RuleReport Evaluate(PaymentOrder order, RuleContext context);
}
