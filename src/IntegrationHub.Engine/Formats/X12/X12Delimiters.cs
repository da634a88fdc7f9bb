namespace IntegrationHub.Formats.X12;

/// <summary>
/// The separators of one interchange, as read from its ISA or chosen for a partner.
/// The terminator is a byte sequence: usually one byte, but real files end segments with a multi-byte UTF-8
/// character or with "space, CR, LF".
/// </summary>
/// <param name="Element">The element separator (the byte after <c>ISA</c>).</param>
/// <param name="Component">The component separator (ISA16), or 0 when the ISA carries none.</param>
/// <param name="Terminator">The segment terminator bytes.</param>
/// <param name="Repetition">The repetition separator (ISA11 from 00402 on), or 0 when there is none.</param>
internal sealed record X12Delimiters(byte Element, byte Component, byte[] Terminator, byte Repetition)
{
    /// <summary>The usual retail set: <c>*</c>, <c>&gt;</c>, <c>~</c>, no repetition separator.</summary>
    public static X12Delimiters Retail { get; } = new((byte)'*', (byte)'>', [(byte)'~'], 0);

    /// <summary>The usual 5010 set: <c>*</c>, <c>:</c>, <c>~</c> and <c>^</c> for repetitions.</summary>
    public static X12Delimiters Version5010 { get; } = new((byte)'*', (byte)':', [(byte)'~'], (byte)'^');

    /// <summary>Whether <paramref name="value"/> is one of these delimiters.</summary>
    internal bool IsDelimiter(byte value) =>
        value == Element || (Component != 0 && value == Component) || (Repetition != 0 && value == Repetition)
        || Terminator.AsSpan().Contains(value);
}
