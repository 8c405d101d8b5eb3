using BenchmarkDotNet.Running;
using Mys.Signing.Benchmarks;

// `upload` and `inbox` are load measurements against a real PostgreSQL (not a BenchmarkDotNet run); everything else goes to BenchmarkDotNet.
return args switch
{
    ["upload", .. var rest] => await UploadMeasurement.RunAsync(rest),
    ["inbox", .. var rest] => await InboxMeasurement.RunAsync(rest),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(RuleSetBenchmarks).Assembly).Run(args);
    return 0;
}
