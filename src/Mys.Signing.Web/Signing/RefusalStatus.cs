using Mys.Signing.Application.Common;

namespace Mys.Signing.Web.Signing;

/// <summary>The HTTP status of a use case's refusal, by its kind.</summary>
public static class RefusalStatus
{
    public static int Of(RefusalKind kind) => kind switch
    {
        RefusalKind.Invalid => StatusCodes.Status400BadRequest,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.Expired => StatusCodes.Status410Gone,
        RefusalKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        RefusalKind.Throttled => StatusCodes.Status429TooManyRequests,
        RefusalKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
