using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Mys.Signing.Signatures.Diagnostics;

/// <summary>
/// The meter <c>Mys.Signing</c>: signatures completed (by role, kind and outcome) and verifications (by kind and
/// indication), with their durations in seconds. Recording costs next to nothing while nobody listens (the app's
/// OpenTelemetry, off by default, or <c>dotnet-counters</c>).
/// </summary>
public static class SigningMetrics
{
    public const string MeterName = "Mys.Signing";

    private static readonly Meter Meter = new(MeterName);

    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    };

    private static readonly Counter<long> Signatures =
        Meter.CreateCounter<long>("mys.signing.signatures", "{signature}", "Signatures completed, by role, kind and outcome.");

    private static readonly Histogram<double> SignatureDuration =
        Meter.CreateHistogram("mys.signing.signature.duration", "s", "Time to complete one signature: time-stamp, validation, storage.", advice: Seconds);

    private static readonly Counter<long> Verifications =
        Meter.CreateCounter<long>("mys.signing.verifications", "{verification}", "Validation reports produced, by kind and indication.");

    private static readonly Histogram<double> VerificationDuration =
        Meter.CreateHistogram("mys.signing.verification.duration", "s", "Time to produce one validation report.", advice: Seconds);

    /// <param name="role">The signer's role (e.g. RealizationOfficer).</param>
    /// <param name="kind">What was signed (e.g. oeb).</param>
    /// <param name="outcome"><c>signed</c>, or the refusal's code (e.g. TSA_UNAVAILABLE).</param>
    /// <param name="duration">How long completing it took.</param>
    public static void SignatureCompleted(string role, string kind, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "role", role }, { "kind", kind }, { "outcome", outcome } };
        Signatures.Add(1, tags);
        SignatureDuration.Record(duration.TotalSeconds, tags);
    }

    /// <param name="kind">PAdES (a PDF, every signature in it) or CAdES.</param>
    /// <param name="indication">The report's indication as ETSI names it (TOTAL-PASSED, TOTAL-FAILED, INDETERMINATE).</param>
    /// <param name="duration">How long producing it took.</param>
    public static void VerificationCompleted(string kind, string indication, TimeSpan duration)
    {
        var tags = new TagList { { "kind", kind }, { "indication", indication } };
        Verifications.Add(1, tags);
        VerificationDuration.Record(duration.TotalSeconds, tags);
    }
}
