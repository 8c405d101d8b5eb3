using Mys.Signing.Domain.Common;

namespace Mys.Signing.Application.Signing.Codes;

/// <summary>What the card must sign for a code-flow job, prepared for the certificate the agent presented.</summary>
/// <param name="SessionId">The signing session (PostgreSQL) the completion claims.</param>
/// <param name="DigestAlgorithm">"SHA-256" or "SHA-384".</param>
/// <param name="Digests">One digest per target, in order.</param>
/// <param name="Items">One line per target for the agent to show (document number, payee, amount).</param>
public sealed record PreparedCodeJob(Guid SessionId, string DigestAlgorithm, IReadOnlyList<byte[]> Digests, IReadOnlyList<string> Items);

/// <summary>
/// The two signing phases as the code flow needs them, so the code flow does not depend on how a purpose signs.
/// The code flow prepares lazily: only when the agent has presented the certificate.
/// </summary>
public interface ICodeSigningBackend
{
    /// <summary>
    /// Authorises the user for the targets, checks the certificate and prepares (<see cref="PrepareSignatures"/>);
    /// <paramref name="origin"/> is the server as the agent addressed it (the verification link's base when none is configured).
    /// </summary>
    Task<Result<PreparedCodeJob>> PrepareAsync(Guid userId, byte[] certificateDer, string purpose, IReadOnlyList<Guid> targets, string origin, CancellationToken cancellationToken);

    /// <summary>Claims the session and stores the signed results (<see cref="CompleteSignatures"/>); returns how many were signed.</summary>
    Task<Result<int>> CompleteAsync(Guid userId, Guid sessionId, byte[] certificateDer, IReadOnlyList<byte[]> signatures, CancellationToken cancellationToken);
}
