namespace Mys.Signing.Domain.Catalog;

/// <summary>
/// One line of an expense type's checklist: a document the regulation asks for, satisfied by any of the
/// accepted document types (e.g. an invoice: e-Fatura or Fatura). Uncertain requirements (sources marked
/// UNCONFIRMED) are shown on the checklist but not enforced by R10.
/// </summary>
public sealed class RequiredDocument
{
    private readonly string[] _acceptedTypeCodes;

    public RequiredDocument(string key, string name, IReadOnlyCollection<string> acceptedTypeCodes, bool isUncertain = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(acceptedTypeCodes);
        if (acceptedTypeCodes.Count == 0)
        {
            throw new ArgumentException("A requirement needs at least one accepted document type.", nameof(acceptedTypeCodes));
        }

        Key = key;
        Name = name;
        _acceptedTypeCodes = [.. acceptedTypeCodes];
        IsUncertain = isUncertain;
    }

    public string Key { get; }

    /// <summary>Turkish name of the requirement, e.g. "Fatura (e-Fatura veya e-Arşiv/kâğıt)".</summary>
    public string Name { get; }

    public IReadOnlyList<string> AcceptedTypeCodes => _acceptedTypeCodes;

    public bool IsUncertain { get; }

    public bool Accepts(string documentTypeCode)
    {
        foreach (var code in _acceptedTypeCodes)
        {
            if (string.Equals(code, documentTypeCode, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
