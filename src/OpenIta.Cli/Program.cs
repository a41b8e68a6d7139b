using System.Text;
using OpenIta.Cli;

Console.OutputEncoding = Encoding.UTF8;
return CliApp.Run(args, Console.In, Console.Out, Console.Error);
