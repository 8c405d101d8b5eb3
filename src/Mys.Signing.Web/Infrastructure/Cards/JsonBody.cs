using System.Text.Json;

namespace Mys.Signing.Web.Infrastructure.Cards;

/// <summary>
/// The JSON body of an API request read by the endpoint itself, so that a body that is not JSON, or not the expected
/// shape, gets a 400 problem response in Turkish instead of the framework's binding exception.
/// </summary>
public static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { MaxDepth = 16 };

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext http, ILogger logger)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(logger);
        try
        {
            if (await JsonSerializer.DeserializeAsync<T>(http.Request.Body, Options, http.RequestAborted) is { } value)
            {
                return (value, null);
            }
        }
        catch (JsonException ex)
        {
            logger.LogInformation("API {Path}: unreadable JSON body ({Reason})", http.Request.Path, ex.Message);
        }

        return (null, Unreadable);
    }

    private static IResult Unreadable => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "İstek okunamadı.",
        detail: "İstek gövdesi beklenen biçimde bir JSON değil.",
        extensions: new Dictionary<string, object?> { ["code"] = "BAD_REQUEST", ["message"] = "İstek gövdesi beklenen biçimde bir JSON değil." });
}
