using System.Diagnostics;
using System.Text;

namespace IntegrationHub.Host.Tests.Fixtures;

/// <summary>The Host run as its own process, the way an operator runs it: for start-up, shutdown and crash behaviour.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The one line that says why the hub could not start; fails the test unless there is exactly one and no stack trace.</summary>
    public string StartupFailureLine()
    {
        var lines = Output.Split('\n');
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        return Assert.Single(lines, l => l.Contains("cannot start", StringComparison.Ordinal));
    }

    /// <summary>The repository root, five folders above this test build (tests/IntegrationHub.Host.Tests/bin/&lt;Configuration&gt;/&lt;tfm&gt;/).</summary>
    public static string RepositoryRoot => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Parent!.Parent!.Parent!.FullName;

    /// <summary>The Host's build output beside this test build (same configuration), where its appsettings.json is.</summary>
    public static string HostFolder
    {
        get
        {
            var tests = new DirectoryInfo(AppContext.BaseDirectory);
            return Path.Combine(RepositoryRoot, "src", "IntegrationHub.Host", "bin", tests.Parent!.Name, tests.Name);
        }
    }

    /// <summary>Starts the Host; with a null <paramref name="url"/> it is given no --urls and finds its address itself.</summary>
    public static HostProcess Start(string? url, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = HostFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(HostFolder, "IntegrationHub.Host.dll"));
        if (url is not null)
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(url);
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in new[] { "ConnectionStrings__Hub", "Hub__AdminApiKey", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
            start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return new HostProcess(Process.Start(start)!);
    }

    /// <summary>What Ctrl+C sends.</summary>
    public Task InterruptAsync() => SignalAsync("INT");

    /// <summary>What docker stop and systemd send first.</summary>
    public Task TerminateAsync() => SignalAsync("TERM");

    /// <summary>What kill -9 sends: no shutdown code runs.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    public async Task<int?> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await InterruptAsync();
            if (await WaitForExitAsync(TimeSpan.FromSeconds(20)) is null) _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }
}
