namespace Mys.Signing.Signatures.Common;

/// <summary>An expected failure with a stable code and a Turkish message for the user.</summary>
public sealed record SignatureError(string Code, string Message)
{
    public override string ToString() => Code + ": " + Message;
}

/// <summary>Outcome of a signing step whose failure is expected (wrong certificate, bad signature value, TSA down).</summary>
public sealed class SignatureResult<T>
{
    private readonly T? _value;

    private SignatureResult(T? value, SignatureError? error)
    {
        _value = value;
        Error = error;
    }

    public SignatureError? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException("No value: " + Error);

    public static SignatureResult<T> Success(T value) => new(value, null);

    public static SignatureResult<T> Failure(string code, string message) => new(default, new SignatureError(code, message));

    public static SignatureResult<T> Failure(SignatureError error) => new(default, error);

    public SignatureResult<TOut> Map<TOut>(Func<T, TOut> map) =>
        IsSuccess ? SignatureResult<TOut>.Success(map(Value)) : SignatureResult<TOut>.Failure(Error!);
}

/// <summary>Error codes shared by PAdES and CAdES.</summary>
public static class SignatureErrors
{
    public static readonly SignatureError FieldNotFound = new("PDF_FIELD_NOT_FOUND", "İmza alanı belgede bulunamadı.");
    public static readonly SignatureError FieldAlreadySigned = new("PDF_FIELD_SIGNED", "İmza alanı daha önce imzalanmış.");
    public static readonly SignatureError BadSignatureValue = new("SIGNATURE_VALUE_INVALID", "İmza değeri sertifikanın açık anahtarıyla doğrulanamadı.");
    public static readonly SignatureError PlaceholderTooSmall = new("PDF_PLACEHOLDER_TOO_SMALL", "İmza için ayrılan alan yetersiz.");
    public static readonly SignatureError TimeStampUnavailable = new("TSA_UNAVAILABLE", "Zaman damgası alınamadı.");
    public static readonly SignatureError TimeStampNotConfigured = new("TSA_NOT_CONFIGURED", "Zaman damgası sunucusu yapılandırılmamış.");
    public static readonly SignatureError UnsupportedKey = new("KEY_UNSUPPORTED", "Sertifikanın anahtar türü desteklenmiyor.");
    public static readonly SignatureError MalformedPdf = new("PDF_MALFORMED", "PDF dosyası okunamadı.");
}
