using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mys.Signing.Web.Infrastructure.Http;

/// <summary>
/// A form post that shows its page again with a refusal (the page model's <c>Error</c> message, its <c>Errors</c> or
/// <c>Problems</c> by field, or an invalid model state) answers 422, not 200: a client, a proxy's log or a test sees that
/// nothing was done. A successful post redirects and is not touched.
/// </summary>
public sealed class RefusedFormStatusFilter : IPageFilter
{
    private static readonly string[] RefusalProperties = ["Error", "Errors", "Problems"];
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        if (!HttpMethods.IsPost(context.HttpContext.Request.Method)
            || context.Result is not PageResult
            || response.StatusCode != StatusCodes.Status200OK
            || context.HandlerInstance is not PageModel model)
        {
            return;
        }

        if (!model.ModelState.IsValid || Refused(model))
        {
            response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
    }

    private static bool Refused(PageModel model) =>
        Properties.GetOrAdd(model.GetType(), type => RefusalProperties
                .Select(name => type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance))
                .OfType<PropertyInfo>()
                .ToArray())
            .Any(p => p.GetValue(model) switch
            {
                string text => text.Length > 0,
                ICollection collection => collection.Count > 0,
                IReadOnlyCollection<string> list => list.Count > 0,
                _ => false,
            });
}
