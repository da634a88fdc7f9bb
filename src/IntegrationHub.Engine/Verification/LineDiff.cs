namespace IntegrationHub.Verification;

/// <summary>A readable line diff for golden files: unchanged lines around each change, removed lines with '-', added with '+'.</summary>
public static class LineDiff
{
    public static string Render(string expected, string actual, int context = 2)
    {
        var a = expected.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        var b = actual.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        // Longest common subsequence table, from the end; golden files are small.
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        }
        var lines = new List<(char Kind, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { lines.Add((' ', a[x])); x++; y++; }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1])) lines.Add(('-', a[x++]));
            else lines.Add(('+', b[y++]));
        }
        var output = new List<string>();
        var lastShown = -1;
        for (var k = 0; k < lines.Count; k++)
        {
            if (lines[k].Kind == ' ') continue;
            var from = Math.Max(Math.Max(0, k - context), lastShown + 1);
            if (lastShown >= 0 && from > lastShown + 1) output.Add("  …");
            for (var c = from; c < k; c++) output.Add($"  {lines[c].Text}");
            output.Add($"{lines[k].Kind} {lines[k].Text}");
            lastShown = k;
            var end = Math.Min(lines.Count - 1, k + context);
            for (var c = k + 1; c <= end && lines[c].Kind == ' '; c++)
            {
                output.Add($"  {lines[c].Text}");
                lastShown = c;
            }
        }
        return string.Join('\n', output);
    }
}
