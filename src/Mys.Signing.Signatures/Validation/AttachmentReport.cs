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
}

public sealed record AttachmentReport(string FileName, string? ListedSha256, string? ActualSha256, AttachmentStatus Status, string Message);
