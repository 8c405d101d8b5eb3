using BenchmarkDotNet.Running;
using Mys.Signing.Benchmarks;

// `upload` and `signing-batch` are measurements against a real PostgreSQL (not a BenchmarkDotNet run); everything else goes to BenchmarkDotNet.
return args switch
{
    ["upload", .. var rest] => await UploadMeasurement.RunAsync(rest),
    ["signing-batch", .. var rest] => await SigningBatchMeasurement.RunAsync(rest),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(RuleSetBenchmarks).Assembly).Run(args);
    return 0;
}
