using System.Net;
using System.Net.Sockets;
using System.Text;
using Mys.Signing.Infrastructure.Certificates;
using Shouldly;
using Xunit;

namespace Mys.Signing.Infrastructure.Tests.Certificates;

public sealed class SmtpReminderMailerTests
{
    [Fact]
    public async Task A_reminder_goes_to_the_configured_smtp_server_with_recipient_and_turkish_text_intact()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var conversation = AcceptOneMessageAsync(listener);

        var mailer = new SmtpReminderMailer(new SmtpSettings("127.0.0.1", port, "mys@example.gov.tr", null, null, EnableSsl: false));
        mailer.IsConfigured.ShouldBeTrue();
        await mailer.SendAsync("ayse@example.gov.tr", "Sertifikanızın süresi 30 gün içinde doluyor", "Yenileme başvurusunu şimdi yapın: İmza, ÖEB.", CancellationToken.None);

        var (envelope, data) = await conversation.WaitAsync(TimeSpan.FromSeconds(30));
        envelope.ShouldContain("MAIL FROM:<mys@example.gov.tr>");
        envelope.ShouldContain("RCPT TO:<ayse@example.gov.tr>");
        Decode(data).ShouldContain("Yenileme başvurusunu şimdi yapın: İmza, ÖEB.");
        data.ShouldContain("Subject: =?utf-8?");
    }

    [Fact]
    public void Without_a_host_reminders_stay_in_the_application() =>
        new SmtpReminderMailer(new SmtpSettings(null, 25, "mys@example.gov.tr", null, null, false)).IsConfigured.ShouldBeFalse();

    // Just enough of RFC 5321 for one message: greeting, EHLO, MAIL, RCPT, DATA, QUIT.
    private static async Task<(string Envelope, string Data)> AcceptOneMessageAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        var envelope = new StringBuilder();
        var data = new StringBuilder();
        await writer.WriteLineAsync("220 test ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            envelope.AppendLine(line);
            var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250 test");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 go ahead");
                    while (await reader.ReadLineAsync() is { } body && body != ".")
                    {
                        data.Append(body).Append("\r\n");
                    }

                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return (envelope.ToString(), data.ToString());
                default:
                    await writer.WriteLineAsync("250 ok");
                    break;
            }
        }

        return (envelope.ToString(), data.ToString());
    }

    // The body arrives base64 or quoted-printable encoded (UTF-8); decode whichever it is.
    private static string Decode(string data)
    {
        var parts = data.Split("\r\n\r\n", 2);
        var headers = parts[0];
        var body = parts.Length > 1 ? parts[1] : string.Empty;
        if (headers.Contains("base64", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))));
        }

        if (headers.Contains("quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            var joined = body.Replace("=\r\n", string.Empty, StringComparison.Ordinal);
            var bytes = new List<byte>();
            for (var i = 0; i < joined.Length; i++)
            {
                if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
                {
                    bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else
                {
                    bytes.Add((byte)joined[i]);
                }
            }

            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        return body;
    }
}
