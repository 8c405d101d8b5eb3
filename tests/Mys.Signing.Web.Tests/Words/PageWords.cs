using System.Net;
using System.Text.RegularExpressions;

namespace Mys.Signing.Web.Tests.Words;

/// <summary>
/// What people read on a rendered page, checked for words that are not for them (docs/ui-words.md): English status words
/// and bare support codes. Visible text is the HTML without tags, attributes, scripts, styles and comments; machine
/// data in <c>&lt;code class="hash"&gt;</c> (hashes, ids) and <c>&lt;pre class="audit-details"&gt;</c> (the audit log's
/// change record) is left out. A support code is
/// allowed only inside <c>&lt;small class="kod"&gt;</c> or <c>&lt;code class="kod"&gt;</c> whose block (paragraph,
/// list item, table row, cell of a definition list, heading, label, alert…) also holds Turkish text; an UPPER_SNAKE
/// code in parentheses (a validator finding such as "(UNSIGNED_BYTES_AFTER_LAST_REVISION)") is bare anywhere else.
/// </summary>
public static partial class PageWords
{
    /// <summary>Words of the validator, the audit log and serialisers that must not reach people as they are.</summary>
    public static readonly IReadOnlyList<string> EnglishWords =
    [
        "Passed", "Failed", "Indeterminate", "Match", "Mismatch", "None", "LongTerm", "Good", "GOOD", "Revoked", "REVOKED",
        "Unknown", "UNKNOWN", "Created", "Updated", "Deleted", "RoleGranted", "RoleRevoked", "TotalPassed", "TotalFailed",
        "Pending", "Success", "Error", "Warning", "Invalid", "Expired", "NotSigned", "Verified", "Draft", "Accepted", "Returned",
        "SentToAccounting", "true", "false", "null",
    ];

    private const string Marker = "\u2063KOD\u2063";

    private static readonly Regex English = new(
        @"(?<![\p{L}\p{N}_.-])(?:" + string.Join('|', EnglishWords) + @")(?![\p{L}\p{N}_-])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Every problem of the page's visible text; empty when it is fit for people.</summary>
    public static IReadOnlyList<string> Problems(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = Invisible().Replace(html, " ");
        text = MachineData().Replace(text, " ");
        text = SupportCode().Replace(text, " " + Marker + " ");
        var problems = new List<string>();
        foreach (var block in BlockBoundary().Split(text))
        {
            var visible = WebUtility.HtmlDecode(Tag().Replace(block, " "));
            visible = Whitespace().Replace(visible, " ").Trim();
            if (visible.Length == 0)
            {
                continue;
            }

            var words = visible.Replace(Marker, " ", StringComparison.Ordinal);
            problems.AddRange(English.Matches(words).Select(m => $"English word \"{m.Value}\" in: {Excerpt(visible)}"));
            problems.AddRange(BareCode().Matches(words).Select(m => $"bare code \"{m.Value}\" (not in a small kod next to Turkish text) in: {Excerpt(visible)}"));
            problems.AddRange(BareCodeInParentheses().Matches(words).Select(m => $"bare code \"{m.Value}\" in parentheses (not in a small kod next to Turkish text) in: {Excerpt(visible)}"));
            if (visible.Contains(Marker, StringComparison.Ordinal) && !TurkishSentence().IsMatch(words))
            {
                problems.Add($"a code without Turkish text beside it in: {Excerpt(visible)}");
            }
        }

        return problems;
    }

    private static string Excerpt(string text) => (text.Length > 160 ? text[..160] + "…" : text).Replace(Marker, "[kod]", StringComparison.Ordinal);

    [GeneratedRegex(@"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<template\b.*?</template\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Invisible();

    // Machine data: hashes and ids in <code class="hash">, the audit log's change record (its JSON) in <pre class="audit-details">.
    [GeneratedRegex(@"<code\b[^>]*\bclass=""[^""]*\bhash\b[^""]*""[^>]*>.*?</code\s*>|<pre\b[^>]*\bclass=""[^""]*\baudit-details\b[^""]*""[^>]*>.*?</pre\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex MachineData();

    [GeneratedRegex(@"<small\b[^>]*\bclass=""[^""]*\bkod\b[^""]*""[^>]*>.*?</small\s*>|<code\b[^>]*\bclass=""[^""]*\bkod\b[^""]*""[^>]*>.*?</code\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex SupportCode();

    [GeneratedRegex(@"</?(?:p|li|tr|div|dd|dt|h[1-6]|table|thead|tbody|ul|ol|section|form|header|footer|main|nav|label|option|select|th|caption|dialog|fieldset|legend|blockquote|pre|br)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockBoundary();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\bR\d+\.[A-Z_]+\b|\bAGENT_[A-Z_]+\b")]
    private static partial Regex BareCode();

    // A validator finding or any other UPPER_SNAKE machine code in parentheses, e.g. "(UNSIGNED_BYTES_AFTER_LAST_REVISION)",
    // "(kod: PAGE_ADDED, PERMITTED_CHANGE)" or "(PDF_UNREADABLE: …)", outside a small kod (those are replaced by then).
    [GeneratedRegex(@"\((?:kod:\s*)?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b[^()]*\)")]
    private static partial Regex BareCodeInParentheses();

    // A Turkish sentence beside the code: a word of three or more letters, lower case (codes are upper case).
    [GeneratedRegex(@"\p{Ll}{3,}")]
    private static partial Regex TurkishSentence();
}
