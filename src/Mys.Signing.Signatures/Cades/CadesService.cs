using System.Text.Json;
using Mys.Signing.Signatures.Cms;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Tsp;

namespace Mys.Signing.Signatures.Cades;

/// <summary>What to sign: the detached content's digest (hash the file while streaming it) and the signer's certificate.</summary>
public sealed record CadesPrepareRequest(byte[] ContentDigest, byte[] SignerCertificate, IReadOnlyList<byte[]> Chain)
{
    public DigestAlgorithm Digest { get; init; } = DigestAlgorithm.Sha256;

    public SignatureLevel Level { get; init; } = SignatureLevel.BaselineT;

    public static CadesPrepareRequest ForContent(byte[] content, byte[] signerCertificate, IReadOnlyList<byte[]> chain, DigestAlgorithm digest = DigestAlgorithm.Sha256) =>
        new(digest.Hash(content), signerCertificate, chain) { Digest = digest };
}

/// <summary>State between the two phases; serialisable. <see cref="DataToSign"/> is what the card signs.</summary>
public sealed class CadesPrepared
{
    public int Version { get; init; } = 1;

    public byte[] SignedAttributes { get; init; } = [];

    public byte[] DataToSign { get; init; } = [];

    public DigestAlgorithm Digest { get; init; }

    public SignatureLevel Level { get; init; }

    public byte[] SignerCertificate { get; init; } = [];

    public IReadOnlyList<byte[]> Chain { get; init; } = [];

    public DateTimeOffset SigningTime { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static CadesPrepared FromJson(string json) =>
        JsonSerializer.Deserialize<CadesPrepared>(json) ?? throw new JsonException("Boş imza hazırlık durumu.");
}

/// <summary>Two-phase CAdES detached (.p7s) for attachments that are not PDFs: B-B carries signing-time; B-T adds a time-stamp.</summary>
public sealed class CadesService(ITimeStampClient? timeStampClient, TimeProvider time)
{
    public CadesPrepared Prepare(CadesPrepareRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var attributes = CmsAttributes.BuildSignedAttributes(request.ContentDigest, request.Digest, request.SignerCertificate, now);
        return new CadesPrepared
        {
            SignedAttributes = attributes,
            DataToSign = request.Digest.Hash(attributes),
            Digest = request.Digest,
            Level = request.Level,
            SignerCertificate = request.SignerCertificate,
            Chain = request.Chain,
            SigningTime = now,
        };
    }

    /// <summary>Returns the DER CMS SignedData (detached) to store as .p7s.</summary>
    public async Task<SignatureResult<byte[]>> CompleteAsync(CadesPrepared prepared, byte[] signatureValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var cms = await CmsCompletion.BuildAsync(prepared.SignedAttributes, prepared.DataToSign, signatureValue, prepared.SignerCertificate,
            prepared.Chain, prepared.Digest, prepared.Level, timeStampClient, cancellationToken);
        return cms.Map(c => c.Cms);
    }
}
