using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Organisation;

/// <summary>Kurum: a public administration with spending units.</summary>
public sealed class Institution
{
    private Institution(Guid id, string name)
    {
        Id = id;
        Name = name;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public static Result<Institution> Create(Guid id, string? name)
    {
        var trimmed = name?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > 200
            ? Result<Institution>.Failure("INSTITUTION_NAME", "Kurum adı boş olamaz ve 200 karakteri geçemez.")
            : Result<Institution>.Success(new Institution(id, trimmed));
    }
}
