using System.Xml;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// The only XmlReaderSettings used on inbound bytes: the DTD is ignored (never fetched, never expanded), there is no
/// resolver, no character may come from an entity, and the document and its depth are bounded.
/// </summary>
internal static class SafeXml
{
    public static XmlReaderSettings ReaderSettings(CxmlReaderOptions options) => new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        // 0 would mean "no limit"; with the DTD ignored no entity can be declared, this is a second fence.
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = options.MaxDocumentCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
        ValidationType = ValidationType.None,
        // Names come atomized from a bounded table shared across reads (see CxmlNameTable), so known names cost nothing.
        NameTable = new CxmlNameTable(),
    };
}
