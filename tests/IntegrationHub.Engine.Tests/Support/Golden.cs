namespace IntegrationHub.Support;

/// <summary>
/// Golden files: an expected output stored next to its input. Set HUB_APPROVE_GOLDEN=1 to (re)write the expected files,
/// then review the diff before committing; a normal run only compares.
/// </summary>
public static class Golden
{
    private static bool Approving => Environment.GetEnvironmentVariable("HUB_APPROVE_GOLDEN") == "1";

    /// <summary>Asserts that the actual text equals the stored expected file (line endings normalised).</summary>
    public static void AssertMatches(string expectedPath, string actual)
    {
        actual = actual.ReplaceLineEndings("\n");
        if (Approving)
        {
            File.WriteAllText(expectedPath, actual);
            return;
        }
        Assert.True(File.Exists(expectedPath), $"No golden file {expectedPath}; run with HUB_APPROVE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }
}
