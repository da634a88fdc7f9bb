using BenchmarkDotNet.Running;

// `dotnet run -c Release --project tests/IntegrationHub.Benchmarks -- --filter '*'` runs every suite;
// see docs/benchmarks.md for the suites, the whole-process comparisons and the recorded results.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
