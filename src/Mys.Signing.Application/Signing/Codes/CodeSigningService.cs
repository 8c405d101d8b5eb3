using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing.Codes;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Signing.Codes;

/// <summary>A failure of the agent-facing code flow: its kind (the endpoint's HTTP status), code, Turkish message, and until when a lock holds.</summary>
public sealed record CodeFlowError(RefusalKind Kind, string Code, string Message, DateTimeOffset? RetryAfter = null);

/// <summary>The job the agent receives for a code.</summary>
public sealed record CodeJob(string Origin, string Purpose, string SignerName, string DigestAlgorithm, IReadOnlyList<string> Digests, IReadOnlyList<string> Items);

/// <summary>
/// The verification-code flow on the server: issue (logged-in page) → claim + lazy prepare (agent, anonymous, keyed by
/// the code, throttled per address and per certificate holder) → complete (agent) → the page polls the status.
/// The certificate holder's counter only counts certificates that passed the signing certificate check (chain to a
/// trusted ESHS, validity, revocation, qualification): a self-made certificate naming someone's T.C. kimlik no is
/// refused first and counted against its address only, so it cannot lock that person out of the code flow.
/// The endpoints decode the agent's base64 (certificate, signatures); null stands for what could not be decoded.
/// </summary>
public sealed class CodeSigningService(
    SigningCodeStore codes, CodeThrottle throttle, ICodeSigningBackend backend, SigningComponents signing, MysDbContext db,
    ILogger<CodeSigningService> logger)
{
    public const int MaxTargets = 100;

    public async Task<Result<(SigningCode Code, string Plain)>> IssueAsync(Guid userId, string origin, string? purpose, IReadOnlyList<Guid>? targets, CancellationToken cancellationToken)
    {
        if (purpose is not "PaymentOrder")
        {
            return Result<(SigningCode, string)>.Failure("CODE_BAD_PURPOSE", "Bu belge türü kodla imzalanamıyor.");
        }

        if (targets is not { Count: > 0 and <= MaxTargets } || targets.Distinct().Count() != targets.Count)
        {
            return Result<(SigningCode, string)>.Failure("CODE_BAD_TARGETS", $"İmzalanacak 1 ile {MaxTargets} arasında (tekrarsız) belge seçin.");
        }

        return Result<(SigningCode, string)>.Success(await codes.IssueAsync(userId, origin, purpose, JsonSerializer.Serialize(targets), cancellationToken));
    }

    /// <summary>The agent's first request: check throttle, claim the code for the certificate, prepare for it.</summary>
    public async Task<(CodeJob? Job, CodeFlowError? Error)> FetchJobAsync(string? code, X509Certificate2? certificate, string origin, string? address, CancellationToken cancellationToken)
    {
        if (await throttle.LockedUntilAsync([CodeThrottle.AddressKey(address)], cancellationToken) is { } lockedUntil)
        {
            return (null, Locked(lockedUntil));
        }

        if (certificate is null)
        {
            return (null, new CodeFlowError(RefusalKind.Invalid, "CODE_BAD_CERTIFICATE", "Sertifika okunamadı."));
        }

        var (keys, refused) = await ValidatedKeysAsync(address, certificate, cancellationToken);
        if (refused is not null)
        {
            return (null, refused);
        }

        var claimed = await codes.ClaimAsync(code ?? string.Empty, origin, certificate.RawData, cancellationToken);
        if (!claimed.IsSuccess)
        {
            return (null, await FailedLookupAsync(keys, claimed.Error!, cancellationToken));
        }

        var signingCode = claimed.Value;
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == signingCode.UserId, cancellationToken);
        var holder = CertificateDescriptionTckn(certificate);
        if (!user.IsActive || !string.Equals(holder, user.Tckn, StringComparison.Ordinal))
        {
            // Someone typed a code that belongs to another person: burn it, count it, and tell the waiting page.
            const string message = "Kodu kullanan kartın sahibi, kodu alan kullanıcı değil. İşlem durduruldu; kendi kartınızla yeni kod alın.";
            await codes.MarkFailedAsync(signingCode.Id, "CODE_WRONG_SIGNER", message, cancellationToken);
            await throttle.RecordFailureAsync(keys, cancellationToken);
            logger.LogWarning("Signing code {CodeId} presented with another person's certificate", signingCode.Id);
            return (null, new CodeFlowError(RefusalKind.Forbidden, "CODE_WRONG_SIGNER", message));
        }

        var targets = JsonSerializer.Deserialize<List<Guid>>(signingCode.Targets) ?? [];
        var prepared = await backend.PrepareAsync(user.Id, certificate.RawData, signingCode.Purpose, targets, origin, cancellationToken);
        if (!prepared.IsSuccess)
        {
            await codes.MarkFailedAsync(signingCode.Id, prepared.Error!.Code, prepared.Error.Message, cancellationToken);
            logger.LogInformation("Signing code {CodeId}: prepare refused ({Reason})", signingCode.Id, prepared.Error.Code);
            return (null, new CodeFlowError(RefusalKind.Conflict, prepared.Error.Code, prepared.Error.Message));
        }

        await codes.AttachSessionAsync(signingCode.Id, prepared.Value.SessionId, cancellationToken);
        logger.LogInformation("Signing code {CodeId} claimed; {Count} digest(s) prepared", signingCode.Id, prepared.Value.Digests.Count);
        return (new CodeJob(signingCode.Origin, signingCode.Purpose, user.FullName, prepared.Value.DigestAlgorithm,
            [.. prepared.Value.Digests.Select(Convert.ToBase64String)], prepared.Value.Items), null);
    }

    /// <summary>The agent's second request: the signatures, in the order of the job's digests.</summary>
    public async Task<(int Signed, CodeFlowError? Error)> CompleteAsync(
        string? code, X509Certificate2? certificate, IReadOnlyList<byte[]?>? signatures, string origin, string? address, CancellationToken cancellationToken)
    {
        if (await throttle.LockedUntilAsync([CodeThrottle.AddressKey(address)], cancellationToken) is { } lockedUntil)
        {
            return (0, Locked(lockedUntil));
        }

        if (certificate is null || signatures is not { Count: > 0 } || signatures.Any(s => s is null))
        {
            return (0, new CodeFlowError(RefusalKind.Invalid, "CODE_BAD_REQUEST", "Sertifika ya da imzalar okunamadı."));
        }

        var (keys, refused) = await ValidatedKeysAsync(address, certificate, cancellationToken);
        if (refused is not null)
        {
            return (0, refused);
        }

        var found = await codes.FindClaimedAsync(code ?? string.Empty, origin, certificate.RawData, cancellationToken);
        if (!found.IsSuccess)
        {
            return (0, await FailedLookupAsync(keys, found.Error!, cancellationToken));
        }

        var signingCode = found.Value;
        var completed = await backend.CompleteAsync(signingCode.UserId, signingCode.SessionId!.Value, certificate.RawData, [.. signatures.OfType<byte[]>()], cancellationToken);
        if (!completed.IsSuccess)
        {
            await codes.MarkFailedAsync(signingCode.Id, completed.Error!.Code, completed.Error.Message, cancellationToken);
            return (0, new CodeFlowError(RefusalKind.Conflict, completed.Error.Code, completed.Error.Message));
        }

        await codes.MarkCompletedAsync(signingCode.Id, cancellationToken);
        db.RecordEvent("SigningCodeCompleted", nameof(SigningCode), signingCode.Id.ToString("D"), "{\"signed\":" + completed.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}");
        await db.SaveChangesAsync(cancellationToken);
        return (completed.Value, null);
    }

    private async Task<CodeFlowError> FailedLookupAsync(IReadOnlyCollection<string> keys, DomainError error, CancellationToken cancellationToken)
    {
        var nowLocked = await throttle.RecordFailureAsync(keys, cancellationToken);
        logger.LogWarning("Signing code look-up failed: {Reason}{Locked}", error.Code, nowLocked ? " (now locked)" : string.Empty);
        if (nowLocked)
        {
            db.RecordEvent("SigningCodeLookupLocked", "SigningCodeThrottle", string.Join(",", keys), "{\"reason\":\"" + error.Code + "\"}");
            await db.SaveChangesAsync(cancellationToken);
        }

        var kind = error.Code switch
        {
            "CODE_UNKNOWN" => RefusalKind.NotFound,
            "CODE_CERT_MISMATCH" => RefusalKind.Forbidden,
            _ => RefusalKind.Conflict,
        };
        return new CodeFlowError(kind, error.Code, error.Message);
    }

    private static CodeFlowError Locked(DateTimeOffset until) =>
        new(RefusalKind.Throttled, "CODE_THROTTLED", "Çok sayıda hatalı kod denendi. 15 dakika sonra yeniden deneyin.", until);

    /// <summary>
    /// The throttle keys of a request whose certificate passed the signing certificate check: its address and its
    /// holder (refused while either is locked). A certificate that fails the check is refused with the check's answer
    /// and counted against the address only (an unreachable OCSP/CRL service is nobody's failure and not counted).
    /// </summary>
    private async Task<(List<string> Keys, CodeFlowError? Refused)> ValidatedKeysAsync(string? address, X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var addressKey = CodeThrottle.AddressKey(address);
        var tckn = CertificateDescriptionTckn(certificate);
        if (await CertificateCheck.CheckAsync(signing, certificate.RawData, tckn ?? string.Empty, cancellationToken) is { } refusal)
        {
            var counted = refusal.Code != "CERT_REVOCATION_UNAVAILABLE" && await throttle.RecordFailureAsync([addressKey], cancellationToken);
            logger.LogWarning("Signing code request refused: certificate {Reason}{Locked}", refusal.Code, counted ? " (address now locked)" : string.Empty);
            return ([addressKey], new CodeFlowError(refusal.Kind, refusal.Code, refusal.Message));
        }

        List<string> keys = [addressKey, CodeThrottle.HolderKey(tckn!)];
        return await throttle.LockedUntilAsync(keys, cancellationToken) is { } lockedUntil ? (keys, Locked(lockedUntil)) : (keys, null);
    }

    private static string? CertificateDescriptionTckn(X509Certificate2 certificate) =>
        CertificateProfile.Tckn(new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(certificate.RawData));
}
