using System.Globalization;

namespace Mys.Signing.Web.Infrastructure.Http;

/// <summary>
/// A posted page form (<c>application/x-www-form-urlencoded</c>) whose fields hold a NUL or another control character
/// (line breaks and tabs are text) is refused before anything reads it for the page: 422 and the status page with
/// <see cref="Message"/>, the page's handler never runs, nothing is saved. Without this the framework's form reader
/// refuses a NUL itself (the antiforgery check cannot read its token, a bare 400), and the other control characters
/// reach each page's own checks. Multipart forms (uploads) are read by their routes, which check their own fields.
/// </summary>
public sealed class FormControlCharacters(RequestDelegate next, ILogger<FormControlCharacters> logger)
{
    public const string Message = "Formda izin verilmeyen görünmez bir kontrol karakteri (örneğin NUL) var; bu tür karakterler klavyeden yazılmaz, "
                                  + "çoğunlukla kopyalanan metinle gelir. Alanları yeniden yazıp tekrar gönderin. Hiçbir şey kaydedilmedi.";

    private const string RefusalKey = "mys.form-control-character";

    /// <summary>The Turkish refusal of this request's form, for the status page.</summary>
    public static string? RefusalOf(HttpContext context) => context?.Items[RefusalKey] as string;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || ApiExceptionHandler.IsApi(request.Path)
            || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null // the status page saying why
            || !(request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            await next(context);
            return;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException ex) when (ex.InnerException is InvalidOperationException)
        {
            // The form reader's own refusal of a decoded NUL ("The form value contains invalid characters").
            Refuse(context, "(unreadable: " + ex.Message + ")", '\0');
            return;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            await next(context); // a form over the limits or a broken body: the antiforgery check answers it, as before
            return;
        }

        foreach (var (field, values) in form)
        {
            foreach (var c in values.SelectMany(value => value ?? string.Empty))
            {
                if (IsControl(c))
                {
                    Refuse(context, field, c);
                    return;
                }
            }
        }

        await next(context);
    }

    private static bool IsControl(char c) => char.IsControl(c) && c is not ('\r' or '\n' or '\t');

    private void Refuse(HttpContext context, string field, char control)
    {
        logger.LogWarning("Refused form POST {Path}: field {Field} holds control character U+{Code}; answered 422, the page did not run",
            context.Request.Path, field, ((int)control).ToString("X4", CultureInfo.InvariantCulture));
        context.Items[RefusalKey] = Message;
        // The status page runs on this request: it must find an empty form, not the one its reader cannot decode.
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(FormCollection.Empty));
        context.Response.StatusCode = StatusCodes.Status422UnprocessableEntity; // no body: the status page says why
    }
}
