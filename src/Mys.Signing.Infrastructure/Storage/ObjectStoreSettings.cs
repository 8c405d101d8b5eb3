using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>
/// Where attachments' bytes go when <c>Mys:Attachments:Store</c> is <c>S3</c>: an S3-compatible endpoint, a bucket and its
/// keys, from configuration or the environment (<c>Mys__Attachments__S3__SecretKey</c>; never committed).
/// </summary>
public sealed record ObjectStoreSettings(string ServiceUrl, string Bucket, string AccessKey, string SecretKey)
{
    public const string StoreKey = "Mys:Attachments:Store";

    public const string Section = "Mys:Attachments:S3";

    /// <summary>Part size of multipart uploads: one pooled buffer of this size per part in flight.</summary>
    public const int DefaultPartSize = 8 * 1024 * 1024;

    /// <summary>Parts of one multipart upload sent at once (each holds a pooled buffer of <see cref="PartSize"/>).</summary>
    public const int DefaultPartsInFlight = 3;

    /// <summary>Keys are <c>{Prefix}{sha256}</c>.</summary>
    public string Prefix { get; init; } = "attachments/";

    public string Region { get; init; } = "us-east-1";

    public int PartSize { get; init; } = DefaultPartSize;

    /// <summary>How many parts of one upload are sent at once; memory is this many parts whatever the size.</summary>
    public int PartsInFlight { get; init; } = DefaultPartsInFlight;

    /// <summary>Where a content copied in by <c>mys attachments move-to-s3</c> waits (hashed) before it goes to the bucket under its hash.</summary>
    public string SpoolDirectory { get; init; } = Path.GetTempPath();

    /// <summary>True when configuration picks the object store; PostgreSQL (the default) otherwise.</summary>
    public static bool IsSelected(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var store = configuration[StoreKey];
        return store switch
        {
            null or "" or "PostgreSql" => false,
            "S3" => true,
            _ => throw new InvalidOperationException($"{StoreKey} is '{store}'; expected PostgreSql or S3."),
        };
    }

    public static ObjectStoreSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        string Required(string key) => section[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{StoreKey} is S3 but {Section}:{key} is not configured (env Mys__Attachments__S3__{key}).");
        return new ObjectStoreSettings(Required("ServiceUrl"), Required("Bucket"), Required("AccessKey"), Required("SecretKey"))
        {
            Prefix = section["Prefix"] ?? "attachments/",
            Region = section["Region"] is { Length: > 0 } region ? region : "us-east-1",
            SpoolDirectory = section["SpoolDirectory"] is { Length: > 0 } spool ? spool : Path.GetTempPath(),
            PartsInFlight = section.GetValue("PartsInFlight", DefaultPartsInFlight) is var inFlight and >= 1 and <= 16
                ? inFlight
                : throw new InvalidOperationException($"{Section}:PartsInFlight must be 1 to 16."),
        };
    }

    /// <summary>A client for this endpoint: path-style addressing, and only the checksums S3 requires (S3-compatible servers
    /// such as Swift's s3api do not all take the SDK's default trailing CRC checksums).</summary>
    public AmazonS3Client CreateClient() => new(
        new BasicAWSCredentials(AccessKey, SecretKey),
        new AmazonS3Config
        {
            ServiceURL = ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = TimeSpan.FromMinutes(5),
        });

    public string KeyOf(string sha256) => Prefix + sha256;

    /// <summary>Where uploads streamed before their hash is known go: <c>{Prefix}uploads/</c>.</summary>
    public string UploadPrefix => Prefix + "uploads/";

    /// <summary>A fresh key for an upload streamed to the bucket while it arrives (named by its content's row once recorded).</summary>
    public string NewUploadKey() => UploadPrefix + Guid.NewGuid().ToString("N");

    public override string ToString() => $"{ServiceUrl}/{Bucket}/{Prefix} as {AccessKey}"; // never the secret
}
