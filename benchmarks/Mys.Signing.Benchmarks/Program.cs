using BenchmarkDotNet.Running;
using Mys.Signing.Benchmarks;
using Mys.Signing.Benchmarks.CrashSafety;

// `bridge-throughput` signs on SoftHSM2 tokens it makes; `upload`, `signing-batch`, `signing-stages`, `inbox`, `report`, `export`, `ocr`, `ocr-queue`, `crash-safety` and `load` are measurements against a real PostgreSQL (not BenchmarkDotNet runs); everything else goes to BenchmarkDotNet.
return args switch
{
    ["bridge-throughput", .. var rest] => await BridgeThroughputMeasurement.RunAsync(rest),
    ["upload", .. var rest] => await UploadMeasurement.RunAsync(rest),
    ["s3-upload", .. var rest] => await S3UploadMeasurement.RunAsync(rest),
    ["upload-client", .. var rest] => await UploadClient.RunAsync(rest),
    ["signing-batch", .. var rest] => await SigningBatchMeasurement.RunAsync(rest),
    ["signing-stages", .. var rest] => await SigningStagesMeasurement.RunAsync(rest),
    ["render", .. var rest] => RenderMeasurement.Run(rest),
    ["inbox", .. var rest] => await InboxMeasurement.RunAsync(rest),
    ["export", .. var rest] => await ExportMeasurement.RunAsync(rest),
    ["report", .. var rest] => await ReportMeasurement.RunAsync(rest),
    ["ocr", .. var rest] => await OcrAccuracyMeasurement.RunAsync(rest),
    ["ocr-queue", .. var rest] => await OcrQueueMeasurement.RunAsync(rest),
    ["crash-safety", .. var rest] => await CrashSafetyMeasurement.RunAsync(rest),
    ["verify-vs-pdfbox", .. var rest] => await VerifyVsPdfBoxMeasurement.RunAsync(rest),
    ["audit-writes", .. var rest] => await AuditWritesMeasurement.RunAsync(rest),
    ["audit-writes-node", .. var rest] => await AuditWritesMeasurement.RunNodeAsync(rest),
    ["load", .. var rest] => await Mys.Signing.Benchmarks.Load.LoadMeasurement.RunAsync(rest),
    ["pages", .. var rest] => await Mys.Signing.Benchmarks.Pages.PagesMeasurement.RunAsync(rest),
    ["pages-drop", .. var rest] => await Mys.Signing.Benchmarks.Pages.PagesMeasurement.DropAsync(rest),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(RuleSetBenchmarks).Assembly).Run(args);
    return 0;
}
