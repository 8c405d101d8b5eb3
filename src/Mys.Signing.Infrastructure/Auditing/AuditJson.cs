using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Mys.Signing.Infrastructure.Auditing;

/// <summary>JSON for audit rows: Turkish letters kept as they are (readable in the trail and in SQL), HTML-sensitive characters escaped.</summary>
public static class AuditJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
