using System.CommandLine;
using DrKit.Cli;
using DrKit.Cli.Commands;
using DrKit.Operations.Gateway;
using Moq;
using Spectre.Console;

namespace DrKit.Operations.Tests.Fakes;

/// <summary>Runs the operation commands in-process with captured output and an injected gateway.</summary>
internal sealed class CliHarness
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public CliHarness(Mock<IStackGateway> gateway)
    {
        Gateway = gateway;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_out),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 250;
        IO = new CliIO(console, _out, _error);
    }

    public Mock<IStackGateway> Gateway { get; }

    public FakeAws Aws { get; } = new();

    public CliIO IO { get; }

    /// <summary>What rung health checks reach; null: the default client (tests that probe set a fake handler).</summary>
    public HttpClient? Http { get; init; }

    public int FactoryCalls { get; private set; }

    public string Out => _out.ToString();

    public string Error => _error.ToString();

    /// <summary>Runs <c>drkit &lt;args&gt;</c> with the operation commands wired to the mock gateway.</summary>
    public async Task<int> RunAsync(params string[] args)
    {
        IStackGateway Factory(string root)
        {
            FactoryCalls++;
            return Gateway.Object;
        }

        var root = new RootCommand
        {
            FailoverCommand.Create(IO, Factory, cloud: Aws),
            FailbackCommand.Create(IO, Factory, cloud: Aws),
            TeardownCommand.Create(IO, Factory),
            DrillCommand.Create(IO, Factory, cloud: Aws),
            SwitchModelCommand.Create(IO, cloud: Aws, http: Http),
        };
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(BundledStacks.Root);
        try
        {
            var parse = root.Parse(args);
            Assert.That(parse.Errors, Is.Empty, $"drkit {string.Join(' ', args)} should parse");
            // DrKitApp.RunAsync shows a DrKitCommandException's message and returns its exit code; the same here.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = _out, Error = _error }).ConfigureAwait(false);
        }
        catch (DrKitCommandException e)
        {
            await _error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return e.ExitCode;
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }
}
