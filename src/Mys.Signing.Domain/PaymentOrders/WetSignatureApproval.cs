namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// R11: the Ministry's approval to send this ÖEB with wet signatures instead of e-signatures. The fields are
/// kept as entered; rule R11 checks that date, number and reason are present and plausible.
/// </summary>
public sealed record WetSignatureApproval(DateOnly? ApprovalDate, string? ApprovalNumber, string? Reason, Guid ChosenBy, Access.Role ChosenByRole);
