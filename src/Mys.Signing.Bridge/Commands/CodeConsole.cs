using System.Text;
using Mys.Signing.Bridge.Security;

namespace Mys.Signing.Bridge.Commands;

/// <summary>What the code command needs from a terminal (a scripted one in tests).</summary>
public interface ICodeConsole
{
    void WriteLine(string text);

    string? ReadLine(string prompt);

    /// <summary>Reads the PIN without echo into a pinned buffer that the caller disposes (zeroes).</summary>
    SensitivePin ReadPin(string prompt);
}

/// <summary>The real terminal. The PIN is read key by key without echo; with redirected input, one line.</summary>
public sealed class SystemCodeConsole : ICodeConsole
{
    public void WriteLine(string text) => Console.Out.WriteLine(text);

    public string? ReadLine(string prompt)
    {
        Console.Out.Write(prompt);
        return Console.In.ReadLine();
    }

    public SensitivePin ReadPin(string prompt)
    {
        Console.Out.Write(prompt);
        if (Console.IsInputRedirected)
        {
            return SensitivePin.FromUtf8(Encoding.UTF8.GetBytes(Console.In.ReadLine() ?? string.Empty));
        }

        var buffer = GC.AllocateArray<byte>(SensitivePin.MaxBytes, pinned: true);
        var length = 0;
        try
        {
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter)
                {
                    break;
                }

                if (key.Key == ConsoleKey.Backspace)
                {
                    length = Math.Max(0, length - 1);
                }
                else if (key.KeyChar >= ' ' && key.KeyChar < 127 && length < buffer.Length)
                {
                    buffer[length++] = (byte)key.KeyChar;
                }
            }

            Console.Out.WriteLine();
            return SensitivePin.FromUtf8(buffer.AsSpan(0, length));
        }
        finally
        {
            Array.Clear(buffer);
        }
    }
}
