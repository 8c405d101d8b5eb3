using Microsoft.AspNetCore.Identity;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.Parties;

namespace Mys.Signing.Infrastructure.Identity;

/// <summary>A person who logs in. Identified in the domain by the T.C. kimlik no, which also ties NES certificates to them.</summary>
public sealed class MysUser : IdentityUser<Guid>
{
    // EF Core
    private MysUser()
    {
    }

    public string Tckn { get; private set; } = string.Empty;

    public string FullName { get; private set; } = string.Empty;

    /// <summary>Unvan.</summary>
    public string Title { get; private set; } = string.Empty;

    public bool IsActive { get; private set; } = true;

    public DateTimeOffset? DeactivatedAt { get; private set; }

    /// <summary>The password was given by someone else (a new account, a reset): no page but the change form until it is changed.</summary>
    public bool MustChangePassword { get; private set; }

    public DateTimeOffset? PasswordChangedAt { get; private set; }

    public static Result<MysUser> Create(string? tckn, string? fullName, string? title, string? email, string? phone)
    {
        var parsedTckn = Domain.Parties.Tckn.Parse(tckn);
        if (!parsedTckn.IsSuccess)
        {
            return Result<MysUser>.Failure(parsedTckn.Error!);
        }

        var details = Validate(fullName, title, email, phone);
        if (!details.IsSuccess)
        {
            return Result<MysUser>.Failure(details.Error!);
        }

        var user = new MysUser
        {
            Id = Guid.NewGuid(),
            Tckn = parsedTckn.Value.Value,
            UserName = parsedTckn.Value.Value,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
        };
        user.Apply(fullName!, title!, email, phone);
        return Result<MysUser>.Success(user);
    }

    public Result UpdateProfile(string? fullName, string? title, string? email, string? phone)
    {
        var details = Validate(fullName, title, email, phone);
        if (!details.IsSuccess)
        {
            return details;
        }

        Apply(fullName!, title!, email, phone);
        return Result.Success();
    }

    public Result Deactivate(DateTimeOffset at)
    {
        if (!IsActive)
        {
            return Result.Failure("USER_ALREADY_INACTIVE", "Kullanıcı zaten pasif durumda.");
        }

        IsActive = false;
        DeactivatedAt = at;
        SecurityStamp = Guid.NewGuid().ToString("N");
        return Result.Success();
    }

    /// <summary>The password now set was chosen by an administrator (one-time): the user must replace it at first login.</summary>
    public void RequirePasswordChange() => MustChangePassword = true;

    /// <summary>The user set a password of their own.</summary>
    public void RecordOwnPassword(DateTimeOffset at)
    {
        MustChangePassword = false;
        PasswordChangedAt = at;
    }

    private void Apply(string fullName, string title, string? email, string? phone)
    {
        FullName = fullName.Trim();
        Title = title.Trim();
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        NormalizedEmail = Email?.ToUpperInvariant();
        PhoneNumber = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
    }

    private static Result Validate(string? fullName, string? title, string? email, string? phone)
    {
        if (string.IsNullOrWhiteSpace(fullName) || fullName.Trim().Length > 150)
        {
            return Result.Failure("USER_NAME", "Ad soyad boş olamaz ve 150 karakteri geçemez.");
        }

        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 150)
        {
            return Result.Failure("USER_TITLE", "Unvan boş olamaz ve 150 karakteri geçemez.");
        }

        if (!string.IsNullOrWhiteSpace(email) && !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _))
        {
            return Result.Failure("USER_EMAIL", "E-posta adresi geçerli değil.");
        }

        if (!string.IsNullOrWhiteSpace(phone) && (phone.Trim().Length > 20 || !phone.Trim().All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-')))
        {
            return Result.Failure("USER_PHONE", "Telefon numarası yalnızca rakam, boşluk ve + ( ) - içerebilir.");
        }

        return Result.Success();
    }
}
