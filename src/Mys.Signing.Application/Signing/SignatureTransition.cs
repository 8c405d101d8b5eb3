using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;

namespace Mys.Signing.Application.Signing;

/// <summary>
/// The ÖEB's move for one signature (<see cref="PaymentOrder.RecordSignature"/>) with the rule context of the moment:
/// run for real at complete, and at prepare as a dry run on an untracked copy that is never saved (what would fail
/// later is refused before the PIN is asked for).
/// </summary>
public sealed class SignatureTransition(PaymentOrderSupport support)
{
    /// <summary>Null when the ÖEB moved on; otherwise the domain's or the rules' refusal (the ÖEB is then as it was).</summary>
    public async Task<(string Code, string Message)?> ApplyAsync(PaymentOrder order, SignerStep step, Guid signerId, string reference, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(step);
        var context = await support.RuleContextAsync(order, ct);
        try
        {
            var report = order.RecordSignature(step, new Actor(signerId, step.Role), support.Clock.GetUtcNow(), reference, PaymentOrderRuleSet.Default, context);
            return report.IsSatisfied
                ? null
                : ("RULES_NOT_SATISFIED", "ÖEB kurallara uymuyor: " + string.Join(" ", report.Violations.Select(v => v.Message)));
        }
        catch (DomainException ex)
        {
            return (ex.Code, ex.Message);
        }
    }

    /// <summary>The dry run of prepare, on <paramref name="copy"/> (mutated, never saved).</summary>
    public Task<(string Code, string Message)?> DryRunAsync(PaymentOrder copy, SignerStep step, Guid signerId, CancellationToken ct) =>
        ApplyAsync(copy, step, signerId, "0000", ct);
}
