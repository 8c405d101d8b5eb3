using BenchmarkDotNet.Running;
using Mys.Signing.Benchmarks;

// `upload` is a load measurement against a real PostgreSQL (not a BenchmarkDotNet run); everything else goes to BenchmarkDotNet.
return args is ["upload", .. var rest]
    ? await UploadMeasurement.RunAsync(rest)
    : Run(args);

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(RuleSetBenchmarks).Assembly).Run(args);
    return 0;
}
