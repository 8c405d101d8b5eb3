using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Mys.Signing.Bridge.Contracts;

/// <summary>JSON settings shared by the endpoints and the middleware: camelCase, nulls left out.</summary>
public static class BridgeJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // Turkish letters (ç ğ ı İ ö ş ü) readable in the JSON instead of \u escapes; HTML-sensitive characters stay escaped.
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement, UnicodeRanges.LatinExtendedA);
        return options;
    }

    public static IResult Error(BridgeError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Results.Json(ErrorResponse.Of(error), Options, statusCode: error.HttpStatus);
    }
}
