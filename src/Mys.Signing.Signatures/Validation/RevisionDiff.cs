using System.Globalization;
using Mys.Signing.Signatures.Pdf;
using static Mys.Signing.Signatures.Validation.RevisionObjects;

namespace Mys.Signing.Signatures.Validation;

/// <summary>
/// Classifies every change between two consecutive revisions. Only objects whose xref entry changed are compared
/// (a redefinition with identical content is no change); each changed object that is reachable from the newer
/// revision's catalog is judged by every part it plays in either revision, so an object cannot hide behind an
/// innocent second role. New objects are judged through the changed object that references them.
/// </summary>
internal static class RevisionDiff
{
    public static IReadOnlyList<ModificationFinding> Compare(PdfRevision old, PdfRevision now)
    {
        var diff = new Comparison(old, now);
        diff.Run();
        return diff.Result;
    }

    private sealed class Comparison(PdfRevision old, PdfRevision now)
    {
        private readonly RevisionMap _oldMap = old.Map;
        private readonly RevisionMap _newMap = now.Map;
        private readonly List<ModificationFinding> _result = [];
        private readonly HashSet<(ModificationLevel, string, string)> _seen = [];
        private bool _pagesDiffer;

        public List<ModificationFinding> Result => _result;

        public void Run()
        {
            if (_oldMap.Root != _newMap.Root)
            {
                Add(ModificationLevel.Never, "TRAILER_ROOT_CHANGED", $"/Root {_oldMap.Root} -> {_newMap.Root}",
                    "İmzadan sonra belgenin kök nesnesi (/Root) yeni bir nesneyle değiştirilmiş; okuyucular imzalanmamış bir belge gösterebilir.");
            }

            ComparePages();
            foreach (var (number, entry) in now.Xref)
            {
                if (old.Xref.TryGetValue(number, out var before) && before == entry
                    && !(entry.Type == 2 && StreamMoved(entry.StreamNumber)))
                {
                    continue;
                }

                CompareObject(number);
            }
        }

        // Streams are read without a copy of their bytes: compare them where they lie in the file.
        private bool SameObject(PdfObject before, PdfObject after) => before is PdfStream a && after is PdfStream b
            ? old.StreamBytes(a).SequenceEqual(now.StreamBytes(b)) && Same(a.Dictionary, b.Dictionary)
            : Same(before, after);

        private bool StreamMoved(int streamNumber) =>
            !old.Xref.TryGetValue(streamNumber, out var a) || !now.Xref.TryGetValue(streamNumber, out var b) || a != b;

        private void ComparePages()
        {
            var before = _oldMap.Pages;
            var after = _newMap.Pages;
            if (before.SequenceEqual(after))
            {
                return;
            }

            _pagesDiffer = true;
            var oldSet = before.ToHashSet();
            var newSet = after.ToHashSet();
            for (var i = 0; i < after.Count; i++)
            {
                if (!oldSet.Contains(after[i]))
                {
                    Add(ModificationLevel.Never, "PAGE_ADDED", $"page {i + 1}", $"İmzadan sonra belgeye sayfa eklenmiş ({i + 1}. sayfa).");
                }
            }

            for (var i = 0; i < before.Count; i++)
            {
                if (!newSet.Contains(before[i]))
                {
                    Add(ModificationLevel.Never, "PAGE_REMOVED", $"page {i + 1}", $"İmzadan sonra belgeden sayfa çıkarılmış (imzalanan belgenin {i + 1}. sayfası).");
                }
            }

            if (oldSet.SetEquals(newSet))
            {
                Add(ModificationLevel.Never, "PAGES_REORDERED", $"{before.Count} pages", "İmzadan sonra sayfaların sırası değiştirilmiş.");
            }
        }

        private void CompareObject(int number)
        {
            var before = old.Get(number);
            var after = now.Get(number);
            if (before is null && after is null)
            {
                return;
            }

            if (before is not null && after is not null && SameObject(before, after))
            {
                return;
            }

            var partsNow = _newMap.PartsOf(number);
            if (partsNow.Count == 0)
            {
                // Not reachable any more (or never): a reader cannot show it; whoever dropped the reference is judged instead.
                return;
            }

            // A new number is judged through its referrer, unless the signed revision already referred to it.
            var isNew = before is null && !_oldMap.Dangling.Contains(number);
            foreach (var part in partsNow.Concat(_oldMap.PartsOf(number)).Distinct())
            {
                Classify(number, part, before, after, isNew);
            }
        }

        private void Classify(int number, Part part, PdfObject? before, PdfObject? after, bool isNew)
        {
            var oldDict = Dict(before);
            var newDict = Dict(after);
            switch (part.Kind)
            {
                case PartKind.Catalog when part.Head && !isNew:
                    CompareCatalog(oldDict ?? new PdfDictionary(), newDict ?? new PdfDictionary());
                    break;
                case PartKind.Catalog:
                    break;
                case PartKind.PageTree when !_pagesDiffer && !isNew:
                    foreach (var key in ChangedKeys(oldDict, newDict).Where(k => k is not ("Kids" or "Count" or "Parent")))
                    {
                        Add(ModificationLevel.Never, "RESOURCES_CHANGED", $"page tree /{key} (object {number})",
                            $"İmzadan sonra sayfa ağacının tüm sayfalara geçen özellikleri değiştirilmiş (/{key}).");
                    }

                    break;
                case PartKind.PageTree:
                    break;
                case PartKind.Page when part.Head && !isNew:
                    ComparePage(part.Page, oldDict ?? new PdfDictionary(), newDict ?? new PdfDictionary());
                    break;
                case PartKind.PageContent when !isNew:
                    PageContentChanged(part.Page, $"object {number}");
                    break;
                case PartKind.PageResource when !isNew:
                    ResourcesChanged(part.Page, number);
                    break;
                case PartKind.AnnotationList when !isNew:
                    CompareAnnotations(part.Page, before, after);
                    break;
                case PartKind.Annotation when !isNew:
                    AnnotationChanged(part, number, newDict);
                    break;
                case PartKind.AcroForm when part.Head && !isNew:
                    CompareForm(oldDict ?? new PdfDictionary(), newDict ?? new PdfDictionary());
                    break;
                case PartKind.AcroForm when !isNew:
                    Add(ModificationLevel.Never, "CATALOG_CHANGED", $"/AcroForm /{part.Field} (object {number})",
                        $"İmzadan sonra belge formunun (/AcroForm) /{part.Field} girdisi değiştirilmiş.");
                    break;
                case PartKind.FieldList when !isNew:
                    CompareFieldLists(old.Resolve(before) as PdfArray, now.Resolve(after) as PdfArray);
                    break;
                case PartKind.FormResource:
                    Add(ModificationLevel.FormFilling, "FORM_RESOURCES_CHANGED", $"object {number}", "Form kaynakları (/DR) güncellenmiş.");
                    break;
                case PartKind.Field when part.Head:
                    CompareField(part.Field!, number, oldDict, newDict, isNew);
                    break;
                case PartKind.Field when !isNew:
                    FieldChanged(part.Field!, ModificationLevel.Never, $"object {number}");
                    break;
                case PartKind.FieldValue when !isNew:
                    FieldChanged(part.Field!, ModificationLevel.FormFilling, $"value (object {number})");
                    break;
                case PartKind.FieldAppearance when !isNew:
                    FieldChanged(part.Field!, IsSigned(_oldMap, part.Field!) ? ModificationLevel.Never : ModificationLevel.FormFilling,
                        $"appearance (object {number})");
                    break;
                case PartKind.SignatureValue when !isNew && IsSigned(_oldMap, part.Field!):
                    SignatureDictionaryChanged(part.Field!, ChangedKeys(oldDict, newDict), number);
                    break;
                case PartKind.Dss or PartKind.Metadata:
                    Add(ModificationLevel.Lta, "VALIDATION_DATA_UPDATED", $"object {number}", "Doğrulama verileri (/DSS) veya üst veri güncellenmiş.");
                    break;
                case PartKind.Names when !isNew:
                    NamesChanged(newDict, number);
                    break;
                case PartKind.Action when !isNew:
                    Add(ModificationLevel.Never, "ACTION_ADDED", $"{Where(part)} (object {number})",
                        $"İmzadan sonra belgedeki bir eylem veya JavaScript değiştirilmiş ({WhereTr(part)}).");
                    break;
                case PartKind.Other when !isNew && part.Field == "StructTreeRoot":
                    StructureUpdated(number);
                    break;
                case PartKind.Other when !isNew:
                    Add(ModificationLevel.Never, "OBJECT_OVERRIDDEN", $"object {number} (under /{part.Field})",
                        $"İmzadan sonra imzalanmış bir nesne ({number} numaralı, katalogda /{part.Field} altında) yeni bir tanımla değiştirilmiş.");
                    break;
                default:
                    break;
            }
        }

        private void CompareCatalog(PdfDictionary before, PdfDictionary after)
        {
            foreach (var key in ChangedKeys(before, after))
            {
                switch (key)
                {
                    case "DSS" or "Extensions" or "Metadata" or "MarkInfo" or "Version":
                        Add(ModificationLevel.Lta, "VALIDATION_DATA_UPDATED", "/" + key, "Doğrulama verileri (/DSS) eklenmiş.");
                        break;
                    case "StructTreeRoot":
                        StructureUpdated(_newMap.Root);
                        break;
                    case "AcroForm":
                        CompareForm(old.Dictionary(before["AcroForm"]) ?? new PdfDictionary(), now.Dictionary(after["AcroForm"]) ?? new PdfDictionary());
                        break;
                    case "Pages" when _pagesDiffer:
                        break;
                    case "OpenAction" or "AA":
                        Add(ModificationLevel.Never, "ACTION_ADDED", "catalog /" + key,
                            $"İmzadan sonra belgeye açılışta çalışan bir eylem eklenmiş (katalogda /{key}){ScriptNote(now.Dictionary(after[key]))}.");
                        break;
                    case "Names":
                        NamesChanged(now.Dictionary(after["Names"]), _newMap.Root);
                        break;
                    default:
                        Add(ModificationLevel.Never, "CATALOG_CHANGED", "/" + key, $"İmzadan sonra belge kataloğu değiştirilmiş (/{key}).");
                        break;
                }
            }
        }

        // The logical structure (tags) changes with annotations and fields; it is not rendered.
        private void StructureUpdated(int number) =>
            Add(ModificationLevel.Annotations, "STRUCTURE_UPDATED", $"/StructTreeRoot (object {number})", "Belgenin erişilebilirlik yapısı (etiketler) güncellenmiş.");

        private void NamesChanged(PdfDictionary? names, int number)
        {
            if (names?["JavaScript"] is not null)
            {
                Add(ModificationLevel.Never, "ACTION_ADDED", $"/Names /JavaScript (object {number})",
                    "İmzadan sonra belgeye açılışta çalışan JavaScript eklenmiş (/Names /JavaScript).");
                return;
            }

            Add(ModificationLevel.Never, "CATALOG_CHANGED", $"/Names (object {number})", "İmzadan sonra belgenin ad ağacı (/Names: ekli dosyalar, hedefler) değiştirilmiş.");
        }

        private void ComparePage(int page, PdfDictionary before, PdfDictionary after)
        {
            foreach (var key in ChangedKeys(before, after))
            {
                switch (key)
                {
                    case "Annots":
                        CompareAnnotations(page, before["Annots"], after["Annots"]);
                        break;
                    case "Parent" when !_pagesDiffer:
                        break;
                    case "Parent":
                        break;
                    case "Resources":
                        ResourcesChanged(page, null);
                        break;
                    case "AA":
                        Add(ModificationLevel.Never, "ACTION_ADDED", $"page {page} /AA", $"İmzadan sonra {page}. sayfaya açılınca çalışan bir eylem eklenmiş.");
                        break;
                    default:
                        PageContentChanged(page, "/" + key);
                        break;
                }
            }
        }

        private void PageContentChanged(int page, string what) =>
            Add(ModificationLevel.Never, "PAGE_CONTENT_CHANGED", $"page {page} ({what})", $"İmzadan sonra {page}. sayfanın içeriği değiştirilmiş.");

        private void ResourcesChanged(int page, int? number)
        {
            var where = page == 0 ? "page tree" : $"page {page}";
            Add(ModificationLevel.Never, "RESOURCES_CHANGED", number is null ? where : $"{where} (object {number})",
                page == 0
                    ? "İmzadan sonra sayfaların ortak kaynakları (yazı tipleri, görseller) değiştirilmiş."
                    : $"İmzadan sonra {page}. sayfanın kaynakları (yazı tipleri, görseller, çizim nesneleri) değiştirilmiş.");
        }

        private void CompareAnnotations(int page, PdfObject? before, PdfObject? after)
        {
            var oldItems = (old.Resolve(before) as PdfArray)?.Items ?? [];
            var newItems = (now.Resolve(after) as PdfArray)?.Items ?? [];
            var oldKeys = oldItems.Select(Identity).ToHashSet(StringComparer.Ordinal);
            var newKeys = newItems.Select(Identity).ToHashSet(StringComparer.Ordinal);
            foreach (var item in newItems.Where(i => !oldKeys.Contains(Identity(i))))
            {
                var annotation = now.Dictionary(item);
                var subtype = annotation?.NameOf("Subtype") ?? "?";
                if (SignatureWidget(now, annotation) is { } field)
                {
                    var level = IsTimeStamp(now.Dictionary(FieldValue(now, annotation!))) ? ModificationLevel.Lta : ModificationLevel.FormFilling;
                    Add(level, "SIGNATURE_FIELD_ADDED", $"page {page} ({field})", $"{page}. sayfaya '{field}' imza alanı eklenmiş.");
                    continue;
                }

                Add(new ModificationFinding(ModificationLevel.Annotations, "ANNOTATION_ADDED", $"page {page} (/{subtype})",
                    $"İmzadan sonra {page}. sayfaya {AnnotationName(subtype)} eklenmiş.") { Visible = true });
            }

            foreach (var item in oldItems.Where(i => !newKeys.Contains(Identity(i))))
            {
                var annotation = old.Dictionary(item);
                var subtype = annotation?.NameOf("Subtype") ?? "?";
                var signature = SignatureWidget(old, annotation);
                Add(new ModificationFinding(signature is null ? ModificationLevel.Annotations : ModificationLevel.Never, "ANNOTATION_REMOVED",
                    $"page {page} (/{subtype}{(signature is null ? string.Empty : ", " + signature)})",
                    signature is null
                        ? $"İmzadan sonra {page}. sayfadan {AnnotationName(subtype)} silinmiş."
                        : $"İmzadan sonra {page}. sayfadan '{signature}' imza alanının görünümü silinmiş.") { Visible = true });
            }
        }

        private void AnnotationChanged(Part part, int number, PdfDictionary? annotation)
        {
            // A widget that is a form field is judged as the field (filling, signing); the rest as an annotation.
            if (_newMap.PartsOf(number).Any(p => p.Kind == PartKind.Field && p.Head) || _oldMap.PartsOf(number).Any(p => p.Kind == PartKind.Field && p.Head))
            {
                return;
            }

            var subtype = part.Head ? annotation?.NameOf("Subtype") ?? "?" : "appearance";
            Add(new ModificationFinding(ModificationLevel.Annotations, "ANNOTATION_CHANGED", $"page {part.Page} (/{subtype}, object {number})",
                $"İmzadan sonra {part.Page}. sayfadaki bir açıklama değiştirilmiş.") { Visible = true });
        }

        private void CompareForm(PdfDictionary before, PdfDictionary after)
        {
            foreach (var key in ChangedKeys(before, after))
            {
                switch (key)
                {
                    case "Fields":
                        CompareFieldLists(old.Resolve(before["Fields"]) as PdfArray, now.Resolve(after["Fields"]) as PdfArray);
                        break;
                    case "SigFlags" or "DR" or "DA" or "Q" or "NeedAppearances":
                        Add(ModificationLevel.FormFilling, "FORM_SETTINGS_UPDATED", "/AcroForm /" + key, "Form ayarları güncellenmiş.");
                        break;
                    default:
                        Add(ModificationLevel.Never, "CATALOG_CHANGED", "/AcroForm /" + key, $"İmzadan sonra belge formunun (/AcroForm) /{key} girdisi değiştirilmiş.");
                        break;
                }
            }
        }

        private void CompareFieldLists(PdfArray? before, PdfArray? after)
        {
            var oldItems = before?.Items ?? [];
            var newItems = after?.Items ?? [];
            var oldKeys = oldItems.Select(Identity).ToHashSet(StringComparer.Ordinal);
            var newKeys = newItems.Select(Identity).ToHashSet(StringComparer.Ordinal);
            foreach (var item in newItems.Where(i => !oldKeys.Contains(Identity(i))))
            {
                var name = (now.Resolve(now.Dictionary(item)?["T"]) as PdfString)?.Text ?? "?";
                FieldCreated(name, now.Dictionary(item));
            }

            foreach (var item in oldItems.Where(i => !newKeys.Contains(Identity(i))))
            {
                var name = (old.Resolve(old.Dictionary(item)?["T"]) as PdfString)?.Text ?? "?";
                FieldChanged(name, ModificationLevel.Never, "removed from the form");
            }
        }

        private void FieldCreated(string name, PdfDictionary? field)
        {
            if (field is not null && _newMap.Fields.TryGetValue(name, out var f) && string.Equals(f.Type, "Sig", StringComparison.Ordinal))
            {
                var value = now.Dictionary(field["V"]);
                Add(IsTimeStamp(value) ? ModificationLevel.Lta : ModificationLevel.FormFilling, "SIGNATURE_FIELD_ADDED", name, $"'{name}' imza alanı eklenmiş.");
                return;
            }

            if (field is not null && string.Equals(field.NameOf("FT"), "Sig", StringComparison.Ordinal))
            {
                Add(IsTimeStamp(now.Dictionary(field["V"])) ? ModificationLevel.Lta : ModificationLevel.FormFilling, "SIGNATURE_FIELD_ADDED", name,
                    $"'{name}' imza alanı eklenmiş.");
                return;
            }

            Add(new ModificationFinding(ModificationLevel.Never, "FORM_FIELD_CHANGED", $"{name} (added)", $"İmzadan sonra belgeye '{name}' form alanı eklenmiş.")
            {
                Field = name,
                Visible = true,
            });
        }

        private void CompareField(string name, int number, PdfDictionary? before, PdfDictionary? after, bool isNew)
        {
            if (isNew)
            {
                if (_oldMap.Fields.ContainsKey(name))
                {
                    FieldChanged(name, ModificationLevel.Never, $"new widget (object {number})");
                }
                else
                {
                    FieldCreated(name, after);
                }

                return;
            }

            var changed = ChangedKeys(before, after);
            var isSignature = _newMap.Fields.TryGetValue(name, out var f) && string.Equals(f.Type, "Sig", StringComparison.Ordinal);
            if (isSignature)
            {
                var wasSigned = before?["V"] is not null;
                if (wasSigned && changed.Contains("V"))
                {
                    SignatureDictionaryChanged(name, ["V"], number);
                    return;
                }

                var signing = !wasSigned && changed.Contains("V");
                foreach (var key in changed)
                {
                    if (!wasSigned && (ValueKeys.Contains(key) || key is "Lock" or "SV"))
                    {
                        var timeStamp = IsTimeStamp(now.Dictionary(after?["V"]));
                        Add(timeStamp ? ModificationLevel.Lta : ModificationLevel.FormFilling, signing ? "SIGNATURE_FIELD_SIGNED" : "SIGNATURE_FIELD_APPEARANCE",
                            name, $"'{name}' imza alanı imzalanmış.");
                        continue;
                    }

                    FieldChanged(name, ModificationLevel.Never, "/" + key);
                }

                return;
            }

            foreach (var key in changed)
            {
                FieldChanged(name, ValueKeys.Contains(key) ? ModificationLevel.FormFilling : ModificationLevel.Never, "/" + key);
            }
        }

        /// <summary>What filling a field may change (as pyHanko): value, appearance and its state, widget flags, text layout, field flags.</summary>
        private static readonly HashSet<string> ValueKeys = new(StringComparer.Ordinal) { "V", "AP", "AS", "F", "DA", "Q", "Ff", "Type" };

        private void FieldChanged(string name, ModificationLevel level, string what) =>
            Add(new ModificationFinding(level, "FORM_FIELD_CHANGED", $"{name} ({what})",
                level == ModificationLevel.FormFilling
                    ? $"İmzadan sonra '{name}' form alanı doldurulmuş veya değeri değiştirilmiş."
                    : $"İmzadan sonra '{name}' form alanı değiştirilmiş ({what}).")
            {
                Field = name,
                Visible = true,
            });

        private void SignatureDictionaryChanged(string name, IEnumerable<string> keys, int number)
        {
            var list = string.Join(",", keys.Select(k => "/" + k));
            Add(ModificationLevel.Never, "SIGNATURE_DICTIONARY_CHANGED", $"{name} ({list}, object {number})",
                $"İmzadan sonra daha önce atılmış '{name}' imzasının imza sözlüğü değiştirilmiş ({list}); imzanın gösterilen bilgileri (ör. neden, tarih, imzalayan) imzalanan değerler değil.");
        }

        private void Add(ModificationLevel level, string code, string detail, string reason) => Add(new ModificationFinding(level, code, detail, reason));

        private void Add(ModificationFinding finding)
        {
            if (_seen.Add((finding.Level, finding.Code, finding.Detail)))
            {
                _result.Add(finding);
            }
        }
    }
}
