using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Signatures.Validation;

/// <summary>
/// Decides, per signature, whether what happened after it was signed is permitted: each step between consecutive
/// revisions is compared once (<see cref="RevisionDiff"/>) and judged against the rules in force for the signature —
/// the certification's DocMDP level (P=1 validation data only, P=2 form filling and signing, P=3 also annotations;
/// an approval signature without certification gets P=3), and the FieldMDP locks of the signature's field.
/// </summary>
internal sealed class PdfModificationAnalysis(PdfRevisionHistory history)
{
    private readonly Dictionary<int, IReadOnlyList<ModificationFinding>> _steps = [];

    /// <summary>What follows the last complete revision, if the file does not end with one.</summary>
    public ModificationFinding? Tail => history.Tail;

    public void Apply(PdfSignatureInfo info, SignatureReport report)
    {
        if (history.Tail is { } tail)
        {
            report.Fail(Indication.TotalFailed, SubIndication.ChangeNotPermitted, tail.ToString(), tail.Reason);
        }

        var revision = history.RevisionEndingAt(info.SignedEnd);
        if (revision is null)
        {
            report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "REVISION_INCOMPLETE: the signed revision is not a readable revision",
                "İmzanın kapsadığı belge sürümü okunamıyor (eksik veya bozuk sürüm).");
            return;
        }

        if (revision.Index + 1 >= history.Revisions.Count)
        {
            return;
        }

        var rules = SignatureRules.For(revision, info.FieldName);
        var permittedVisible = new List<ModificationFinding>();
        for (var i = revision.Index; i + 1 < history.Revisions.Count; i++)
        {
            foreach (var change in Step(i))
            {
                Judge(change, rules, report, permittedVisible);
            }
        }

        if (report.IsPassed && permittedVisible.Count > 0)
        {
            report.Reason = $"{ValidationMessages.For(SubIndication.None)} İmzadan sonra izin verilen değişiklikler yapılmış: {permittedVisible[0].Reason}";
        }
    }

    private IReadOnlyList<ModificationFinding> Step(int index)
    {
        if (!_steps.TryGetValue(index, out var changes))
        {
            changes = RevisionDiff.Compare(history.Revisions[index], history.Revisions[index + 1]);
            _steps[index] = changes;
        }

        return changes;
    }

    private static void Judge(ModificationFinding change, SignatureRules rules, SignatureReport report, List<ModificationFinding> permittedVisible)
    {
        if (change.Level > rules.Allowed)
        {
            if (change.Level != ModificationLevel.Never && rules.Allowed == ModificationLevel.Lta)
            {
                report.Fail(Indication.TotalFailed, SubIndication.ChangeNotPermitted, $"CERTIFICATION_NO_CHANGES_PERMITTED: {change}",
                    $"Belge hiçbir değişikliğe izin verilmeyecek şekilde onaylanmış (sertifikasyon imzası, P=1), ama imzadan sonra değiştirilmiş: {change.Reason}");
            }
            else if (change.Level == ModificationLevel.Annotations && rules.Allowed == ModificationLevel.FormFilling)
            {
                report.Fail(Indication.TotalFailed, SubIndication.ChangeNotPermitted, change.ToString(),
                    $"Belge yalnızca form doldurma ve imzalamaya izin verecek şekilde onaylanmış (sertifikasyon imzası, P=2): {change.Reason}");
                return;
            }

            report.Fail(Indication.TotalFailed, SubIndication.ChangeNotPermitted, change.ToString(), change.Reason);
            return;
        }

        if (change.Field is { } field && change.Level == ModificationLevel.FormFilling && rules.Locks(field))
        {
            report.Fail(Indication.TotalFailed, SubIndication.ChangeNotPermitted, $"FIELD_LOCKED: {field} (locked by {rules.FieldName})",
                $"İmzadan sonra '{rules.FieldName}' imzasının kilitlediği '{field}' form alanı değiştirilmiş.");
            return;
        }

        if (change.Visible)
        {
            report.Findings.Add("PERMITTED_CHANGE: " + change);
            permittedVisible.Add(change);
        }
    }

    /// <summary>DocMDP level and FieldMDP locks that bind the changes after one signature.</summary>
    private sealed class SignatureRules
    {
        private readonly List<(string Action, HashSet<string> Fields)> _locks = [];

        public string FieldName { get; private init; } = string.Empty;

        public ModificationLevel Allowed { get; private set; } = ModificationLevel.Annotations;

        public static SignatureRules For(PdfRevision revision, string fieldName)
        {
            var rules = new SignatureRules { FieldName = fieldName };
            foreach (var field in revision.Map.SignatureFields)
            {
                foreach (var reference in References(revision, field.Value))
                {
                    var method = reference.NameOf("TransformMethod");
                    var parameters = revision.Dictionary(reference["TransformParams"]);
                    if (string.Equals(method, "DocMDP", StringComparison.Ordinal))
                    {
                        // A certification made in or before this revision binds every later change (default P=2).
                        rules.Restrict((revision.Resolve(parameters?["P"]) as PdfNumber)?.IntValue ?? 2);
                    }
                    else if (string.Equals(method, "FieldMDP", StringComparison.Ordinal) && field.Name == fieldName && parameters is not null)
                    {
                        rules.AddLock(revision, parameters);
                    }
                }

                if (field.Name == fieldName && field.Lock is { } fieldLock)
                {
                    rules.AddLock(revision, fieldLock);
                    if (revision.Resolve(fieldLock["P"]) is PdfNumber p)
                    {
                        rules.Restrict(p.IntValue);
                    }
                }
            }

            return rules;
        }

        public bool Locks(string field)
        {
            foreach (var (action, fields) in _locks)
            {
                var listed = fields.Any(f => field == f || field.StartsWith(f + ".", StringComparison.Ordinal));
                if (action == "All" || (action == "Include" && listed) || (action == "Exclude" && !listed))
                {
                    return true;
                }
            }

            return false;
        }

        private void Restrict(int p)
        {
            var level = p switch
            {
                <= 1 => ModificationLevel.Lta,
                2 => ModificationLevel.FormFilling,
                _ => ModificationLevel.Annotations,
            };
            if (level < Allowed)
            {
                Allowed = level;
            }
        }

        private void AddLock(PdfRevision revision, PdfDictionary parameters)
        {
            var action = parameters.NameOf("Action") ?? "All";
            var fields = (revision.Resolve(parameters["Fields"]) as PdfArray)?.Items
                .Select(i => (revision.Resolve(i) as PdfString)?.Text)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal) ?? [];
            _locks.Add((action, fields));
        }

        private static IEnumerable<PdfDictionary> References(PdfRevision revision, PdfDictionary? signature)
        {
            if (signature is null || revision.Resolve(signature["Reference"]) is not PdfArray references)
            {
                return [];
            }

            return references.Items.Select(revision.Dictionary).OfType<PdfDictionary>();
        }
    }
}
