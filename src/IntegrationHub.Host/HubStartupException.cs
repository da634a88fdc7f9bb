namespace IntegrationHub;

/// <summary>
/// A start-up failure whose cause is known and whose message says what to do about it. Program prints the message as one
/// line and exits with code 1; anything else that escapes is a bug and keeps its stack trace.
/// </summary>
public sealed class HubStartupException : Exception
{
    public HubStartupException(string message) : base(message) { }

    public HubStartupException(string message, Exception inner) : base(message, inner) { }

    public HubStartupException() { }
}
