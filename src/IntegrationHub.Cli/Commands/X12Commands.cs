using System.CommandLine;
using IntegrationHub.Formats.X12;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub x12 inspect|validate</c>: look at and check X12 files offline.</summary>
internal static class X12Commands
{
    /// <summary>Exit code when every set is accepted.</summary>
    public const int Accepted = 0;

    /// <summary>Exit code when any set, group or interchange is not accepted.</summary>
    public const int NotAccepted = 1;

    /// <summary>Exit code when the file cannot be read as X12 at all.</summary>
    public const int NotX12 = 2;

    public static Command Create(TextWriter? stdout = null, TextWriter? stderr = null, TimeProvider? time = null)
    {
        var command = new Command("x12", "Inspect and validate ANSI X12 files.");
        command.Subcommands.Add(Inspect(stdout, stderr));
        command.Subcommands.Add(Validate(stdout, stderr, time));
        return command;
    }

    private static Argument<FileInfo> FileArgument() => new("FILE") { Description = "The X12 file to read." };

    private static Option<bool> UnwrapOption() => new("--unwrap") { Description = "Remove every CR/LF before reading (for files wrapped at 80 columns)." };

    private static Command Inspect(TextWriter? stdout, TextWriter? stderr)
    {
        var file = FileArgument();
        var unwrap = UnwrapOption();
        var command = new Command("inspect", "Print the envelopes, each transaction set's loop tree and HL hierarchy, and the diagnostics.") { file, unwrap };
        command.SetAction(parseResult =>
        {
            var output = stdout ?? Console.Out;
            var path = parseResult.GetValue(file)!;
            if (!TryOpen(path, stderr, out var stream)) return NotX12;
            using (stream)
            {
                var readable = X12Inspection.Describe(stream, output, new X12ReadOptions { UnwrapLines = parseResult.GetValue(unwrap) });
                return readable ? Accepted : NotX12;
            }
        });
        return command;
    }

    private static Command Validate(TextWriter? stdout, TextWriter? stderr, TimeProvider? time)
    {
        var file = FileArgument();
        var unwrap = UnwrapOption();
        var ack = new Option<string>("--ack")
        {
            Description = "The acknowledgment to write to stdout: 997 or 999 (default: 997 for 004010 groups, 999 from 005010).",
        };
        ack.AcceptOnlyFromAmong("997", "999");
        var command = new Command("validate", "Validate the file, write its acknowledgments (TA1, 997/999) to stdout and the diagnostics to stderr. " +
            "Exit code 0: every set accepted; 1: any set or envelope not accepted; 2: not readable as X12.") { file, ack, unwrap };
        command.SetAction(parseResult =>
        {
            var errors = stderr ?? Console.Error;
            var path = parseResult.GetValue(file)!;
            if (!TryOpen(path, errors, out var stream)) return NotX12;
            var options = new X12ValidationOptions
            {
                Ack = parseResult.GetValue(ack) switch
                {
                    "997" => X12AckKind.Functional997,
                    "999" => X12AckKind.Implementation999,
                    _ => X12AckKind.Auto,
                },
                Read = new X12ReadOptions { UnwrapLines = parseResult.GetValue(unwrap) },
                Time = time ?? TimeProvider.System,
            };

            X12ValidationReport report;
            using (stream)
            {
                // Written as they are made (a 997 for a million sets is large), not gathered first.
                using var acks = new Latin1WriterStream(stdout ?? Console.Out);
                report = X12Validation.Validate(stream, acks, options);
            }

            foreach (var diagnostic in report.Diagnostics) errors.WriteLine(diagnostic);
            errors.WriteLine($"{report.Interchanges} interchange(s), {report.Sets} set(s), {report.SetsAccepted} accepted, {report.EnvelopeErrors} envelope error(s).");
            if (!report.Readable) return NotX12;
            return report.AllAccepted ? Accepted : NotAccepted;
        });
        return command;
    }

    private static bool TryOpen(FileInfo path, TextWriter? stderr, out Stream stream)
    {
        try
        {
            stream = path.OpenRead();
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            (stderr ?? Console.Error).WriteLine($"Cannot read {path.FullName}: {exception.Message}");
            stream = Stream.Null;
            return false;
        }
    }
}

/// <summary>A write-only stream that passes its bytes, read as Latin-1 (one character per byte), to a text writer.</summary>
internal sealed class Latin1WriterStream(TextWriter writer) : Stream
{
    private char[] _chars = [];

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_chars.Length < buffer.Length) _chars = new char[buffer.Length];
        var written = System.Text.Encoding.Latin1.GetChars(buffer, _chars);
        writer.Write(_chars, 0, written);
    }

    public override void Flush() => writer.Flush();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) writer.Flush();
        base.Dispose(disposing);
    }
}
