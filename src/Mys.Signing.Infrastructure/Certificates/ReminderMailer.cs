using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Configuration;

namespace Mys.Signing.Infrastructure.Certificates;

/// <summary>SMTP settings (<c>Mys:Smtp:Host</c>, <c>Port</c>, <c>From</c>, <c>UserName</c>, <c>Password</c>, <c>EnableSsl</c>); no host: in-app only.</summary>
public sealed record SmtpSettings(string? Host, int Port, string From, string? UserName, string? Password, bool EnableSsl)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public static SmtpSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Mys:Smtp");
        return new SmtpSettings(
            section["Host"],
            section.GetValue("Port", 25),
            section["From"] ?? "mys-noreply@localhost",
            section["UserName"],
            section["Password"],
            section.GetValue("EnableSsl", true));
    }
}

/// <summary>Sends reminder e-mails.</summary>
public interface IReminderMailer
{
    bool IsConfigured { get; }

    Task SendAsync(string to, string subject, string body, CancellationToken ct);
}

/// <summary>Sends through the configured SMTP server.</summary>
public sealed class SmtpReminderMailer(SmtpSettings settings) : IReminderMailer
{
    public bool IsConfigured => settings.IsConfigured;

    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        using var client = new SmtpClient(settings.Host, settings.Port) { EnableSsl = settings.EnableSsl };
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }

        using var message = new MailMessage(settings.From, to, subject, body) { BodyEncoding = System.Text.Encoding.UTF8, SubjectEncoding = System.Text.Encoding.UTF8 };
        await client.SendMailAsync(message, ct);
    }
}
