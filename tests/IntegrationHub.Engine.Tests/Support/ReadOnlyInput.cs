namespace IntegrationHub.Support;

/// <summary>
/// An input stream made up by a test: forward only, of unknown length (as a network stream), read and nothing else.
/// A subclass says only what it reads.
/// </summary>
internal abstract class ReadOnlyInput : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <summary>How many bytes were read so far.</summary>
    protected long BytesRead { get; set; }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
