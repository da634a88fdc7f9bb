namespace IntegrationHub.Support;

/// <summary>
/// Golden files: the expected output lives next to its input, and a test compares against it. To accept a new output
/// after reviewing it, run the tests with HUB_APPROVE=1: differing files are rewritten and the test still fails once, so
/// an approval is never silent. Review the rewritten files in the diff before committing them.
/// </summary>
public static class Golden
{
    public static void AssertMatches(string expectedFile, string actual)
    {
        actual = Normalize(actual);
        var expected = File.Exists(expectedFile) ? Normalize(File.ReadAllText(expectedFile)) : null;
        if (expected == actual) return;
        if (Environment.GetEnvironmentVariable("HUB_APPROVE") == "1")
        {
            File.WriteAllText(expectedFile, actual);
            Assert.Fail($"{expectedFile} was rewritten with the new output (HUB_APPROVE=1); review it and run again.");
        }
        Assert.Equal(expected ?? $"(no file {expectedFile}; run with HUB_APPROVE=1 to write it)", actual);
    }

    // Line endings and trailing blank lines are not part of what a golden file says.
    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd() + "\n";
}
