using Mys.Signing.Cli.Commands;

// mys: database and audit tasks for operators; offline verification comes with the signing service.
return await CommandLine.RunAsync(args, Console.Out, Console.Error);
