using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Signatures.Validation;

/// <summary>What a reachable object is in the document's structure.</summary>
internal enum PartKind
{
    Catalog,
    PageTree,
    Page,
    PageContent,
    PageResource,
    AnnotationList,
    Annotation,
    AcroForm,
    FieldList,
    FormResource,
    Field,
    FieldValue,
    FieldAppearance,
    SignatureValue,
    Dss,
    Metadata,
    Names,
    Action,
    Other,
}

/// <summary>
/// One way an object is reached from the catalog: its kind, the page (1-based; 0 = the page tree) or field it belongs
/// to, and whether it is the structural object itself (the page, the annotation) or something below it.
/// </summary>
internal readonly record struct Part(PartKind Kind, int Page, string? Field, bool Head)
{
    public Part Below => this with { Head = false };
}

/// <summary>A signature field as found in one revision, with its value (signature dictionary) and /Lock.</summary>
internal sealed record SignatureFieldState(string Name, int Number, PdfDictionary? Value, PdfDictionary? Lock);

/// <summary>
/// Walks one revision from the trailer's /Root and records, for every reachable object, the parts it plays (an object
/// may be reached several ways; all count). Unreachable objects have no part: they cannot affect what a reader shows.
/// </summary>
internal sealed class RevisionMap
{
    private const int MaxObjects = 200_000;
    private readonly PdfRevision _revision;
    private readonly Dictionary<int, List<Part>> _parts = [];
    private readonly HashSet<(int, Part)> _visited = [];
    private readonly HashSet<int> _structural = [];
    private readonly Stack<(PdfObject Value, Part Part)> _pending = new();

    private RevisionMap(PdfRevision revision) => _revision = revision;

    public int Root { get; private set; }

    /// <summary>Leaf page objects in page order.</summary>
    public List<int> Pages { get; } = [];

    /// <summary>Terminal fields by full name: object number and field type (inherited /FT applied).</summary>
    public Dictionary<string, (int Number, string? Type)> Fields { get; } = new(StringComparer.Ordinal);

    public List<SignatureFieldState> SignatureFields { get; } = [];

    /// <summary>Numbers referenced but not defined in this revision (a later definition changes what they mean).</summary>
    public HashSet<int> Dangling { get; } = [];

    public IReadOnlyList<Part> PartsOf(int number) => _parts.TryGetValue(number, out var list) ? list : [];

    public static RevisionMap Build(PdfRevision revision)
    {
        var map = new RevisionMap(revision);
        map.Walk();
        return map;
    }

    private void Walk()
    {
        var root = _revision.Trailer["Root"] as PdfReference ?? throw new PdfFormatException(PdfFormatReasons.NoRoot, "/Root is not an indirect reference");
        Root = root.Number;
        var catalogPart = new Part(PartKind.Catalog, 0, null, true);
        Mark(Root, catalogPart);
        _structural.Add(Root);
        var catalog = _revision.Dictionary(root) ?? throw new PdfFormatException(PdfFormatReasons.NoRoot, "/Root is not a dictionary");

        // Pages and the form first: generic walks stop at the structural objects they mark.
        if (catalog["Pages"] is { } pages)
        {
            WalkPageTree(pages, 0);
        }

        if (catalog["AcroForm"] is { } form)
        {
            WalkAcroForm(form);
        }

        foreach (var (key, value) in catalog.Entries)
        {
            var kind = key switch
            {
                "Pages" or "AcroForm" => (PartKind?)null,
                "DSS" => PartKind.Dss,
                "Metadata" => PartKind.Metadata,
                "OpenAction" or "AA" => PartKind.Action,
                "Names" => PartKind.Names,
                _ => PartKind.Other,
            };
            if (kind is { } k)
            {
                Visit(value, new Part(k, 0, key, true));
            }
        }

        Drain();
    }

    private void WalkPageTree(PdfObject node, int depth)
    {
        if (depth > 64 || node is not PdfReference reference || !_structural.Add(reference.Number))
        {
            return;
        }

        var dict = _revision.Dictionary(reference);
        if (dict is null)
        {
            Dangling.Add(reference.Number);
            return;
        }

        var isTree = dict["Kids"] is not null && !string.Equals(dict.NameOf("Type"), "Page", StringComparison.Ordinal);
        if (isTree)
        {
            Mark(reference.Number, new Part(PartKind.PageTree, 0, null, true));
            foreach (var (key, value) in dict.Entries)
            {
                if (key is "Kids" or "Parent" or "Count")
                {
                    continue;
                }

                Visit(value, new Part(PartKind.PageResource, 0, null, false));
            }

            if (dict["Kids"] is PdfReference kidsReference)
            {
                Mark(kidsReference.Number, new Part(PartKind.PageTree, 0, null, false));
            }

            if (_revision.Resolve(dict["Kids"]) is PdfArray kids)
            {
                foreach (var kid in kids.Items)
                {
                    WalkPageTree(kid, depth + 1);
                }
            }

            return;
        }

        Pages.Add(reference.Number);
        var page = Pages.Count;
        Mark(reference.Number, new Part(PartKind.Page, page, null, true));
        foreach (var (key, value) in dict.Entries)
        {
            switch (key)
            {
                case "Parent":
                    break;
                case "Contents":
                    Visit(value, new Part(PartKind.PageContent, page, null, false));
                    break;
                case "Annots":
                    WalkAnnotations(value, page);
                    break;
                case "AA":
                    Visit(value, new Part(PartKind.Action, page, "AA", false));
                    break;
                default:
                    Visit(value, new Part(PartKind.PageResource, page, key, false));
                    break;
            }
        }
    }

    private void WalkAnnotations(PdfObject value, int page)
    {
        if (value is PdfReference listReference)
        {
            Mark(listReference.Number, new Part(PartKind.AnnotationList, page, null, true));
        }

        if (_revision.Resolve(value) is not PdfArray annotations)
        {
            return;
        }

        foreach (var item in annotations.Items)
        {
            if (item is PdfReference r)
            {
                Mark(r.Number, new Part(PartKind.Annotation, page, null, true));
                _structural.Add(r.Number);
            }

            if (_revision.Dictionary(item) is not { } annotation)
            {
                continue;
            }

            foreach (var (key, child) in annotation.Entries)
            {
                var part = key switch
                {
                    "P" or "Parent" or "V" => (Part?)null,
                    "AA" => new Part(PartKind.Action, page, "AA", false),
                    "A" when IsScript(_revision.Dictionary(child)) => new Part(PartKind.Action, page, "A", false),
                    _ => new Part(PartKind.Annotation, page, null, false),
                };
                if (part is { } p)
                {
                    Visit(child, p);
                }
            }
        }
    }

    private void WalkAcroForm(PdfObject value)
    {
        if (value is PdfReference formReference)
        {
            Mark(formReference.Number, new Part(PartKind.AcroForm, 0, null, true));
            _structural.Add(formReference.Number);
        }

        if (_revision.Dictionary(value) is not { } form)
        {
            return;
        }

        foreach (var (key, child) in form.Entries)
        {
            switch (key)
            {
                case "Fields":
                    if (child is PdfReference listReference)
                    {
                        Mark(listReference.Number, new Part(PartKind.FieldList, 0, null, true));
                    }

                    if (_revision.Resolve(child) is PdfArray fields)
                    {
                        foreach (var field in fields.Items)
                        {
                            WalkField(field, null, null, 0);
                        }
                    }

                    break;
                case "DR":
                    Visit(child, new Part(PartKind.FormResource, 0, null, false));
                    break;
                default:
                    Visit(child, new Part(PartKind.AcroForm, 0, key, false));
                    break;
            }
        }
    }

    private void WalkField(PdfObject item, string? parentName, string? inheritedType, int depth)
    {
        if (depth > 32 || item is not PdfReference reference || _revision.Dictionary(reference) is not { } dict)
        {
            return;
        }

        var partial = (_revision.Resolve(dict["T"]) as PdfString)?.Text;
        var name = partial is null ? parentName ?? $"#{reference.Number}" : parentName is null ? partial : parentName + "." + partial;
        var type = dict.NameOf("FT") ?? inheritedType;
        var head = new Part(PartKind.Field, 0, name, true);
        if (_visited.Contains((reference.Number, head)))
        {
            return;
        }

        Mark(reference.Number, head);
        _structural.Add(reference.Number);
        var kids = _revision.Resolve(dict["Kids"]) as PdfArray;
        if (kids is not null && kids.Items.Any(k => _revision.Dictionary(k)?["T"] is not null))
        {
            if (dict["Kids"] is PdfReference kidsReference)
            {
                Mark(kidsReference.Number, head.Below);
            }

            foreach (var kid in kids.Items)
            {
                WalkField(kid, name, type, depth + 1);
            }

            VisitFieldEntries(dict, name, type, skipKids: true);
            return;
        }

        Fields[name] = (reference.Number, type);
        VisitFieldEntries(dict, name, type, skipKids: false);
        if (string.Equals(type, "Sig", StringComparison.Ordinal))
        {
            SignatureFields.Add(new SignatureFieldState(name, reference.Number, _revision.Dictionary(dict["V"]), _revision.Dictionary(dict["Lock"])));
        }
    }

    private void VisitFieldEntries(PdfDictionary dict, string name, string? type, bool skipKids)
    {
        var isSignature = string.Equals(type, "Sig", StringComparison.Ordinal);
        foreach (var (key, child) in dict.Entries)
        {
            switch (key)
            {
                case "Parent" or "P":
                    break;
                case "Kids" when skipKids:
                    break;
                case "Kids":
                    // Widgets of a terminal field: each is part of the field (and an annotation of its page).
                    if (child is PdfReference kidsReference)
                    {
                        Mark(kidsReference.Number, new Part(PartKind.Field, 0, name, false));
                    }

                    if (_revision.Resolve(child) is PdfArray widgets)
                    {
                        foreach (var widget in widgets.Items.OfType<PdfReference>())
                        {
                            Mark(widget.Number, new Part(PartKind.Field, 0, name, true));
                            _structural.Add(widget.Number);
                            if (_revision.Dictionary(widget) is { } w)
                            {
                                VisitFieldEntries(w, name, type, skipKids: true);
                            }
                        }
                    }

                    break;
                case "V" when isSignature:
                    if (child is PdfReference valueReference)
                    {
                        _structural.Add(valueReference.Number);
                    }

                    Visit(child, new Part(PartKind.SignatureValue, 0, name, true));
                    break;
                case "V":
                    Visit(child, new Part(PartKind.FieldValue, 0, name, true));
                    break;
                case "AP":
                    Visit(child, new Part(PartKind.FieldAppearance, 0, name, false));
                    break;
                case "AA":
                    Visit(child, new Part(PartKind.Action, 0, name, false));
                    break;
                default:
                    Visit(child, new Part(PartKind.Field, 0, name, false));
                    break;
            }
        }
    }

    private static bool IsScript(PdfDictionary? action) =>
        action?.NameOf("S") is "JavaScript" or "Launch" or "ImportData" or "SubmitForm" or "ResetForm";

    private void Visit(PdfObject? value, Part part)
    {
        if (value is not null)
        {
            _pending.Push((value, part));
        }

        Drain();
    }

    private void Drain()
    {
        while (_pending.TryPop(out var item))
        {
            var (value, part) = item;
            if (value is PdfReference r)
            {
                // Generic walks do not pass through another structural object: it is described by its own walk.
                if (_structural.Contains(r.Number) && !(part.Head && part.Kind == PartKind.SignatureValue))
                {
                    continue;
                }

                if (!_visited.Add((r.Number, part)) || _visited.Count > MaxObjects)
                {
                    continue;
                }

                AddPart(r.Number, part);
                var resolved = _revision.Get(r.Number);
                if (resolved is null)
                {
                    Dangling.Add(r.Number);
                    continue;
                }

                value = resolved;
            }

            var below = part.Below;
            switch (value)
            {
                case PdfDictionary d:
                    PushChildren(d, below);
                    break;
                case PdfStream s:
                    PushChildren(s.Dictionary, below);
                    break;
                case PdfArray a:
                    foreach (var child in a.Items)
                    {
                        Push(child, below);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private void PushChildren(PdfDictionary dict, Part below)
    {
        foreach (var (key, child) in dict.Entries)
        {
            if (key is "Parent" or "P")
            {
                continue;
            }

            Push(child, below);
        }
    }

    // Numbers, names and strings lead nowhere: only what can reach other objects waits on the stack (a font's /Widths
    // array alone would otherwise push hundreds of entries).
    private void Push(PdfObject child, Part part)
    {
        if (child is PdfReference or PdfDictionary or PdfArray or PdfStream)
        {
            _pending.Push((child, part));
        }
    }

    private void Mark(int number, Part part)
    {
        if (_visited.Add((number, part)))
        {
            AddPart(number, part);
        }
    }

    private void AddPart(int number, Part part)
    {
        if (!_parts.TryGetValue(number, out var list))
        {
            _parts[number] = list = [];
        }

        list.Add(part);
    }
}
