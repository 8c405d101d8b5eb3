using Mys.Signing.Domain.Access;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>Who acts on an ÖEB and in which role (the role they hold in the ÖEB's unit, checked by the caller).</summary>
public sealed record Actor(Guid UserId, Role Role);

/// <summary>An e-signature recorded on the ÖEB: who, in which role, when, and a reference to the stored signature.</summary>
public sealed record SignatureRecord(Guid SignerId, Role Role, DateTimeOffset SignedAt, string SignatureReference);
