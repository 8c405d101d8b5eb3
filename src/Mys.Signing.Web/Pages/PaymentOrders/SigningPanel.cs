using System.Text.Json;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Web.Pages.Help;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>
/// What the shared card-signing panel (Pages/Shared/_SigningPanel.cshtml, wwwroot/js/signing.js) shows: the ÖEBs to
/// sign, its texts, and where to go once everything is signed (null: stay and show the result).
/// </summary>
public sealed record SigningPanel(IReadOnlyList<OrderToSign> Rows, string LinkBase, string Heading, string SignButton, string PinButton, string? DoneUrl)
{
    /// <summary>Every error code's meaning, next step and help link, so the script shows the same texts as the help page.</summary>
    public static string HelpJson { get; } = JsonSerializer.Serialize(
        HelpContent.Errors.ToDictionary(e => e.Code, e => new { meaning = e.Meaning, next = e.WhatToDo, link = HelpContent.LinkFor(e.Code) }, StringComparer.Ordinal));
}
