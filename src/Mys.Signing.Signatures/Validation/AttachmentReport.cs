using System.Text.Json.Serialization;

namespace Mys.Signing.Signatures.Validation;

/// <summary>Outcome of comparing an attachment file with the SHA-256 listed in the signed ÖEB.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttachmentStatus>))]
public enum AttachmentStatus
{
    [JsonStringEnumMemberName("MATCH")]
    Match,
    [JsonStringEnumMemberName("MISMATCH")]
    Mismatch,
    [JsonStringEnumMemberName("MISSING")]
    Missing,
    [JsonStringEnumMemberName("NOT_LISTED")]
    NotListed,

    /// <summary>The signed attachments table has no SHA-256 for the file ("imzalı özet eksik"): the signature binds nothing.</summary>
    [JsonStringEnumMemberName("SIGNED_HASH_MISSING")]
    SignedHashMissing,
}

public sealed record AttachmentReport(string FileName, string? ListedSha256, string? ActualSha256, AttachmentStatus Status, string Message);
