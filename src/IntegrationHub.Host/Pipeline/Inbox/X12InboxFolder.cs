using IntegrationHub.Features.PurchaseOrders;
using IntegrationHub.Formats.X12;
using IntegrationHub.Persistence;
using IntegrationHub.Translation;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Pipeline.Inbox;

/// <summary>
/// The watched X12 inbox: <c>Pipeline:InboxPath/&lt;partner id&gt;/</c>, one folder per partner (write access to it is the
/// partner's authentication). Each file is stored and acknowledged as <c>POST /x12</c> would, and only then moved to
/// <c>processed/</c>; a file that is not that partner's X12, or resends an interchange with other content, goes to
/// <c>failed/</c> with a note beside it. Files whose names start with a dot are still being written and are left alone.
/// Any number of processes may watch one folder: the interchange keys store a file once, and a move another process
/// made first is not an error.
/// </summary>
internal sealed partial class X12InboxFolder(HubDatabase database, MappingsProvider mappings, X12Intake intake, IOptions<PipelineOptions> options,
    ILogger<X12InboxFolder> logger) : BackgroundService
{
    public const string Processed = "processed", Failed = "failed";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.InboxPath)) return;
        try
        {
            await database.WhenReady.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.InboxPollSeconds));
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ScanAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException || DatabaseLifecycle.IsDatabaseProblem(ex))
                {
                    LogScanFailed(ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
            // The host failed to start or is stopping, and the database went first: there is nothing left to do.
        }
    }

    /// <summary>One pass over every partner's folder.</summary>
    public async Task ScanAsync(CancellationToken cancellationToken)
    {
        var root = options.Value.InboxPath!;
        foreach (var partner in mappings.Current.Partners.Partners)
        {
            var folder = Path.Combine(root, partner.Id);
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.EnumerateFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
            {
                byte[] raw;
                try
                {
                    raw = await File.ReadAllBytesAsync(file, cancellationToken);
                }
                catch (FileNotFoundException)
                {
                    continue; // another process took it
                }
                var problem = await StoreAsync(partner, raw, cancellationToken);
                Move(file, problem is null ? Processed : Failed, problem);
            }
        }
    }

    private async Task<string?> StoreAsync(Partners.Partner partner, byte[] raw, CancellationToken cancellationToken)
    {
        if (FormatTrees.Detect(raw) != "x12") return "The file does not start with an ISA segment.";
        IReadOnlyList<X12InterchangeHeader> interchanges;
        using (var input = new MemoryStream(raw, writable: false)) interchanges = X12InterchangeHeaders.Read(input);
        if (interchanges.Count == 0) return "No ISA … IEA interchange could be read.";
        var strangers = interchanges.Where(i => mappings.Current.Partners.FindX12(i.SenderQualifier, i.Sender) != partner).ToList();
        if (strangers.Count > 0) return $"ISA sender {strangers[0].SenderQualifier}/{strangers[0].Sender} is not {partner.Id}'s.";
        var result = await intake.StoreAsync(partner, interchanges, raw, X12Intake.ContentType, cancellationToken);
        return result.Conflict ? $"An interchange of this file was received before (message {result.MessageId}) with other content." : null;
    }

    private void Move(string file, string to, string? problem)
    {
        var folder = Path.Combine(Path.GetDirectoryName(file)!, to);
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, Path.GetFileName(file));
        try
        {
            if (problem is not null) File.WriteAllText(target + ".problem.txt", problem + Environment.NewLine);
            File.Move(file, target, overwrite: true);
            if (problem is null) LogProcessed(file);
            else LogFailed(file, problem);
        }
        catch (FileNotFoundException)
        {
            // moved by another process that stored it too (the interchange keys made that harmless)
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Inbox file {File} stored and moved to processed/")]
    private partial void LogProcessed(string file);

    [LoggerMessage(2, LogLevel.Warning, "Inbox file {File} moved to failed/: {Problem}")]
    private partial void LogFailed(string file, string problem);

    [LoggerMessage(3, LogLevel.Warning, "The inbox folder could not be read: {Reason}")]
    private partial void LogScanFailed(string reason);
}
