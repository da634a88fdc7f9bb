using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IntegrationHub.Mapping;

/// <summary>Reading YAML with positions kept, so every mistake can name its line and column.</summary>
internal static class Yaml
{
    public static YamlNode? LoadRoot(string file, string text, List<MapError> errors)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0)
            {
                errors.Add(new MapError(file, 1, 1, "the file is empty"));
                return null;
            }
            return stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            errors.Add(new MapError(file, (int)ex.Start.Line, (int)ex.Start.Column, $"not valid YAML: {Inner(ex).Message}"));
            return null;
        }
    }

    public static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static MapError Error(string file, YamlNode node, string message) =>
        new(file, (int)node.Start.Line, (int)node.Start.Column, message);

    private static Exception Inner(Exception ex) => ex.InnerException is YamlException inner ? Inner(inner) : ex;
}
