using Microsoft.Extensions.Configuration;

namespace Mys.Signing.Cli.Commands;

/// <summary>Dispatches <c>mys</c> sub-commands. Exit codes: 0 success, 1 a check failed, 64 usage error, 70 internal error.</summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int CheckFailed = 1;
    public const int Usage = 64;
    public const int Internal = 70;

    private const string Help = """
        mys — Mys.Signing operator commands

          mys db migrate [--app-role ROLE]   apply migrations as the schema owner (ConnectionStrings__MysMigrations,
                                             else ConnectionStrings__Mys) and grant ROLE (default mys_app) its rights
          mys db model-script                print the DDL the EF model describes (to write the next migration)
          mys audit verify [--anchor ID:HASH] [--grace-minutes N]
                                             recompute the audit trail's partition chains and anchors; exit 1 if
                                             broken; --anchor: an anchor printed by an earlier run, kept outside
                                             the database, must still be there unchanged; rows older than N
                                             (default 15) minutes must be anchored
          mys audit anchor                   write an anchor of every partition's head now (as the job does)
          mys verify FILE [--trust ROOT.pem …] [--content FILE] [--json] [--offline]
                                             validate a signed PDF (every signature and revision) or a detached
                                             CAdES .p7s (with --content); exit 0 TOTAL-PASSED, 1 TOTAL-FAILED,
                                             2 INDETERMINATE; an .asice bundle: every file and signature in it
          mys export --connection "CONN" --accounting-unit CODE --from yyyy-MM-dd --to yyyy-MM-dd --out FILE.zip
                                             the accounting unit's audit export (as its page): per ÖEB an ASiC-E
                                             bundle sealed by the system seal (Mys__Seal__Pkcs12Path/…Password)
                                             that verifies offline, plus its verification report; audited
          mys attachments move-to-s3 [--limit N]
                                             move attachments' bytes from PostgreSQL to the object store
                                             (Mys__Attachments__S3__*); resumable, hash-checked; exit 1 if any refused
          mys demo-bundle --out DIR [--pki DIR] [--base-url URL]
                                             write a demo ÖEB signed by both demo signers (B-T), an attachment with
                                             its .p7s, bundle.asice and trust/root.pem from the dev PKI (no server)
        """;

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, stdout, stderr, new ConfigurationBuilder().AddEnvironmentVariables().Build());

    /// <summary>Runs a command with the given configuration (environment variables in the real tool; tests pass their own).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            return args switch
            {
                ["db", "migrate", .. var rest] => await DatabaseCommands.MigrateAsync(configuration, Option(rest, "--app-role") ?? "mys_app", stdout),
                ["db", "model-script"] => DatabaseCommands.ModelScript(configuration, stdout),
                ["audit", "verify", .. var rest] => await AuditCommands.VerifyAsync(configuration, rest, stdout, stderr),
                ["audit", "anchor"] => await AuditCommands.AnchorAsync(configuration, stdout),
                ["verify", .. var rest] => await VerifyCommand.RunAsync(rest, stdout, stderr),
                ["demo-bundle", .. var rest] => await DemoBundleCommand.RunAsync(rest, stdout, stderr),
                ["attachments", "move-to-s3", .. var rest] => await AttachmentCommands.MoveToS3Async(rest, configuration, stdout, stderr),
                ["export", .. var rest] => await ExportCommand.RunAsync(rest, stdout, stderr, configuration),
                ["--help" or "-h" or "help"] => Print(stdout, Help, Ok),
                _ => Print(stderr, Help, Usage),
            };
        }
        catch (InvalidOperationException ex)
        {
            await stderr.WriteLineAsync("mys: " + ex.Message);
            return Internal;
        }
        catch (Npgsql.NpgsqlException ex)
        {
            await stderr.WriteLineAsync("mys: database error: " + ex.Message);
            return Internal;
        }
    }

    private static string? Option(string[] rest, string name)
    {
        var i = Array.IndexOf(rest, name);
        return i >= 0 && i + 1 < rest.Length ? rest[i + 1] : null;
    }

    private static int Print(TextWriter writer, string text, int code)
    {
        writer.WriteLine(text);
        return code;
    }
}
