using BenchmarkDotNet.Running;
using IntegrationHub.Benchmarks.X12;

// `dotnet run -c Release --project tests/IntegrationHub.Benchmarks -- --filter '*'` runs every suite;
// `... -- intake --url … --secret … --sample …` loads a running hub with cXML OrderRequests (see Host/order-intake.sh);
// `... -- invoices --url … --secret … --files DIR --count N` pushes signed invoices as the store does (see Host/invoices-out.sh);
// `... -- x12 generate|tokenize|validate|write ...` runs one whole-process X12 measurement (see X12/compare-node-x12.sh);
// `... -- cxml orders FILE RUNS` reads a cXML OrderRequest and runs its default map RUNS times after a warm-up (see Cxml/CxmlTool.cs);
// see docs/benchmarks.md for the suites, the whole-process comparisons and the recorded results.
if (args.Length > 0 && args[0] == "x12") return X12Tool.Run(args[1..]);
if (args.Length > 0 && args[0] == "cxml") return IntegrationHub.Benchmarks.Cxml.CxmlTool.Run(args[1..]);
if (args.Length > 0 && args[0] == "invoices") return await IntegrationHub.Benchmarks.Host.InvoicePush.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "intake") return await IntegrationHub.Benchmarks.Host.IntakeLoad.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
