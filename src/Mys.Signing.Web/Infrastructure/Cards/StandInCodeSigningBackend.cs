using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Signing;

namespace Mys.Signing.Web.Infrastructure.Cards;

/// <summary>
/// Stand-in until the payment-order signing service is merged: a real signing session (300 s, bound to user and
/// certificate, claimed once) over one digest per target, and a completion that checks every signature with the
/// certificate's key. It signs no document; it exists so the code flow can be built and tested end to end.
/// </summary>
public sealed class StandInCodeSigningBackend(SigningSessionStore sessions) : ICodeSigningBackend
{
    public async Task<Result<PreparedCodeJob>> PrepareAsync(Guid userId, byte[] certificateDer, string purpose, IReadOnlyList<Guid> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var digests = targets.Select(t => SHA256.HashData(Encoding.UTF8.GetBytes($"MYS-STAND-IN\n{purpose}\n{t:D}\n{salt}"))).ToList();
        var state = JsonSerializer.Serialize(digests.Select(Convert.ToBase64String).ToList());
        var session = await sessions.CreateAsync(userId, certificateDer, purpose, JsonSerializer.Serialize(targets), state, cancellationToken);
        return Result<PreparedCodeJob>.Success(new PreparedCodeJob(session.Id, "SHA-256", digests, [.. targets.Select(t => $"{purpose} {t:D}")]));
    }

    public async Task<Result<int>> CompleteAsync(Guid userId, Guid sessionId, byte[] certificateDer, IReadOnlyList<byte[]> signatures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        var claimed = await sessions.ClaimAsync(sessionId, userId, certificateDer, cancellationToken);
        if (!claimed.IsSuccess)
        {
            return Result<int>.Failure(claimed.Error!);
        }

        var digests = JsonSerializer.Deserialize<List<string>>(claimed.Value.PreparedState)!.Select(Convert.FromBase64String).ToList();
        using var certificate = X509CertificateLoader.LoadCertificate(certificateDer);
        if (signatures.Count != digests.Count || digests.Where((d, i) => !CardTrust.VerifyDigestSignature(certificate, d, signatures[i], HashAlgorithmName.SHA256)).Any())
        {
            return Result<int>.Failure("SIGNATURE_INVALID", "Karttan gelen imzalar hazırlanan belgelerle eşleşmiyor.");
        }

        return Result<int>.Success(digests.Count);
    }
}
