using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mys.Signing.Bridge.Contracts;

/// <summary>JSON settings shared by the endpoints and the middleware: camelCase, nulls left out.</summary>
public static class BridgeJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // Readable JSON: Turkish letters (ç ğ ı İ ö ş ü) and '+' in times ("+03:00") as they are, not \u00E7 or \u002B.
        // Relaxed escaping is safe here: these answers are application/json read by code (fetch), never embedded in
        // HTML; the agent's own code page writes its HTML with the HTML encoder.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }

    public static IResult Error(BridgeError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Results.Json(ErrorResponse.Of(error), Options, statusCode: error.HttpStatus);
    }
}
