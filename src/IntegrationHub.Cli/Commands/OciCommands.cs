using System.CommandLine;
using IntegrationHub.Formats.Oci;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub oci inspect FILE</c>: read a captured OCI cart form as a buyer would.</summary>
internal static class OciCommands
{
    public static Command Create()
    {
        var oci = new Command("oci", "Read SAP OCI 4.0/5.0 cart forms.");
        var file = new Argument<FileInfo>("file") { Description = "A captured HTML page (or HTTP response) holding an OCI form." };
        var inspect = new Command("inspect", "Show the items, fields and long texts of a captured OCI form, and what looks wrong. Exit 2 when unreadable.") { file };
        inspect.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!;
            string html;
            try
            {
                html = File.ReadAllText(path.FullName);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"cannot read {path.FullName}: {exception.Message}");
                return 2;
            }
            var result = OciCartReader.Read(html);
            parseResult.InvocationConfiguration.Output.Write(OciInspector.Describe(result));
            return result.Cart.Items.Count == 0 ? 1 : 0;
        });
        oci.Subcommands.Add(inspect);
        return oci;
    }
}
