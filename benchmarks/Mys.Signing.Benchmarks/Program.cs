using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Mys.Signing.Benchmarks.RuleSetBenchmarks).Assembly).Run(args);
