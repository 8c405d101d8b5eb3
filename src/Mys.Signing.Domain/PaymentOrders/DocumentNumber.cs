using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// Belge sayısı of an ÖEB: 1–30 characters, ASCII letters, digits, '-', '/' and '.'. Uniqueness per spending
/// unit and budget year is enforced by the persistence layer.
/// </summary>
public sealed record DocumentNumber
{
    public const int MaxLength = 30;

    private DocumentNumber(string value) => Value = value;

    public string Value { get; }

    public static Result<DocumentNumber> Parse(string? input)
    {
        var text = input?.Trim() ?? string.Empty;
        if (text.Length is 0 or > MaxLength)
        {
            return Result<DocumentNumber>.Failure("DOCUMENT_NO_FORMAT", "Belge sayısı 1-30 karakter olmalıdır.");
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '.'))
            {
                return Result<DocumentNumber>.Failure("DOCUMENT_NO_FORMAT", "Belge sayısı yalnızca harf, rakam, '-', '/' ve '.' içerebilir.");
            }
        }

        return Result<DocumentNumber>.Success(new DocumentNumber(text));
    }

    public static DocumentNumber From(string value)
    {
        var result = Parse(value);
        return result.IsSuccess ? result.Value : throw new DomainException(result.Error!.Code, result.Error.Message);
    }

    public override string ToString() => Value;
}
