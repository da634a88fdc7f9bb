using IntegrationHub.Canonical;
using IntegrationHub.Documents;
using IntegrationHub.Mapping;
using IntegrationHub.Support;
using IntegrationHub.Translation;
using IntegrationHub.Verification;

namespace IntegrationHub.Engine.Tests.Mapping;

public sealed class OutboundMapTests
{
    private static readonly Lazy<MapLibrary> Library = new(() => FormatSchemas.Load(Path.Combine(RepositoryPaths.Root, "mappings")));

    private const string Header = """
        map:
          format: x12
          document: '855'
          version: '004010'
          direction: outbound
          consumes: orderAcknowledgment
        fields:

        """;

    private static OrderAcknowledgment Acknowledgment(string orderNumber = "PO-4711", Moment? orderDate = null, string partyName = "Drop Ship Co", string unit = "EA") => new()
    {
        OrderNumber = orderNumber,
        OrderDate = orderDate ?? new Moment(new DateOnly(2026, 11, 20)),
        Status = AcknowledgmentStatus.Accepted,
        Parties = [new Party { Role = PartyRole.Supplier, Name = partyName }],
        Lines = [new AcknowledgedLine { LineNumber = "1", Status = LineStatus.Accepted, Quantity = 2, UnitOfMeasure = unit }],
    };

    private static List<MapError> Compile(string fields)
    {
        var errors = new List<MapError>();
        OutboundCompiler.Compile("855.outbound.map.yaml", Header + fields, Library.Value.CodeLists, FormatSchemas.Find, errors);
        return errors;
    }

    private static OutboundOutput Write(OrderAcknowledgment document) =>
        OutboundTranslation.Write(Library.Value.FindOutbound("x12", "855", "004010")!, document, OutboundGolden.SamplePartner, OutboundGolden.Envelope);

    [Fact]
    public void Compile_ReportsPosition_WhenSegmentIsNotInTheSet()
    {
        var error = Assert.Single(Compile("  BAX:\n    BAX01: orderNumber\n"));

        Assert.Equal((8, 3), (error.Line, error.Column));
        Assert.StartsWith("'BAX' is not part of 855 here; expected one of BAK, CUR, REF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ReportsPosition_WhenElementIsNotInTheSegment()
    {
        var error = Assert.Single(Compile("  BAK:\n    BAK03: orderNumber\n    BAK11: orderNumber\n"));

        Assert.Equal("855.outbound.map.yaml:10:5: 'BAK11' is not part of BAK here; expected one of BAK01, BAK02, BAK03, BAK04, BAK05, BAK06, BAK07, BAK08, BAK09, BAK10", error.ToString());
    }

    [Fact]
    public void Compile_ReportsPosition_WhenFunctionIsUnknown()
    {
        var error = Assert.Single(Compile("  BAK:\n    BAK04: dayte(orderDate, 'yyyyMMdd')\n"));

        Assert.Equal((9, 12), (error.Line, error.Column));
        Assert.StartsWith("there is no function 'dayte'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_RefusesAValue_WhenTargetIsASegment()
    {
        var error = Assert.Single(Compile("  BAK: orderNumber\n"));

        Assert.StartsWith("'BAK' is not a single value; give it its parts as a mapping (BAK01, BAK02", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_Refuses_WhenDirectionIsInbound()
    {
        var errors = new List<MapError>();
        OutboundCompiler.Compile("x.outbound.map.yaml", Header.Replace("direction: outbound", "direction: inbound", StringComparison.Ordinal) + "  BAK: {BAK03: orderNumber}\n",
            Library.Value.CodeLists, FormatSchemas.Find, errors);

        Assert.Contains("direction is 'outbound', not 'inbound'", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_GivesAnInterchange_WhenTheDocumentIsComplete()
    {
        var result = Write(Acknowledgment());

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Contains("BAK*00*AD*PO-4711*20261120~", System.Text.Encoding.ASCII.GetString(result.Output!), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_DatesTheOrderByTheAcknowledgment_WhenTheOrderCarriesNoDate()
    {
        var document = Acknowledgment() with { OrderDate = null, AcknowledgmentDate = new Moment(new DateOnly(2026, 11, 26)) };

        var result = Write(document);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Contains("BAK*00*AD*PO-4711*20261126*", System.Text.Encoding.ASCII.GetString(result.Output!), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SaysWhichFieldIsMissing_WhenTheFormatRequiresIt()
    {
        var document = Acknowledgment() with { OrderDate = null, AcknowledgmentDate = null };

        var result = Write(document);

        Assert.Null(result.Output);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("map.required.missing", diagnostic.Code);
        Assert.Contains("855/BAK[1]/BAK04: BAK04 is required by the format but has no value (from datetext(default(orderDate, acknowledgmentDate), 'yyyyMMdd'))", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RefusesAValue_WhenItIsTooLongForTheElement()
    {
        var result = Write(Acknowledgment(orderNumber: new string('7', 23)));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("map.value.too-long", diagnostic.Code);
        Assert.Contains("has 23 characters; BAK03 takes at most 22 (from orderNumber)", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("/orderAcknowledgment/orderNumber", diagnostic.Position.Path);
    }

    [Fact]
    public void Write_RefusesData_WhenItHoldsADelimiter()
    {
        var result = Write(Acknowledgment(partyName: "Drop*Ship"));

        Assert.Null(result.Output);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("x12.write.delimiter-in-data", diagnostic.Code);
        Assert.Equal("ST*855*0001/N1/N102", diagnostic.Position.Path);
    }

    [Fact]
    public void Write_KeepsTheRepetitionCharacter_WhenTheVersionHasNoRepetitionSeparator()
    {
        var result = Write(Acknowledgment(partyName: "Drop^Ship"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Contains("N1*VN*Drop^Ship~", System.Text.Encoding.ASCII.GetString(result.Output!), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ReportsTheCode_WhenTheCodeListHasNoCodeForIt()
    {
        var result = Write(Acknowledgment(unit: "XYZ"));

        Assert.Null(result.Output);
        Assert.Contains(result.Diagnostics, d => d.Code == "map.code.unknown" && d.Message.Contains("meaning 'XYZ' is not in code list 'uom/x12'", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_ReportsTheCharacter_WhenXmlCannotCarryIt()
    {
        var map = Library.Value.FindOutbound("cxml", "ConfirmationRequest", null)!;
        var document = Acknowledgment() with { AcknowledgmentDate = new Moment(new DateOnly(2026, 11, 26)), OrderNumber = "PO\u0001" };

        var result = OutboundTranslation.Write(map, document, OutboundGolden.SamplePartner, OutboundGolden.Envelope);

        Assert.Null(result.Output);
        Assert.Equal("cxml.write.invalid-character", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Extends_ChangesOnlyWhatItStates_WhenAPartnerMapBuildsOnTheDefault()
    {
        var errors = new List<MapError>();
        var partnerMap = OutboundCompiler.Compile("partners/acme/maps/855.outbound.map.yaml", """
            map:
              extends: x12/855-004010.outbound
            fields:
              BAK:
                BAK01: "'06'"
              CUR: ~
            """, Library.Value.CodeLists, FormatSchemas.Find, errors, id => Library.Value.OutboundMaps.GetValueOrDefault(id));
        Assert.Empty(errors);

        var result = OutboundTranslation.Write(partnerMap!, Acknowledgment() with { Currency = "USD" }, OutboundGolden.SamplePartner, OutboundGolden.Envelope);

        var text = System.Text.Encoding.ASCII.GetString(result.Output!);
        Assert.Contains("BAK*06*AD*PO-4711*20261120~", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CUR*", text, StringComparison.Ordinal);
        Assert.Contains("N1*VN*Drop Ship Co~", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extends_WritesSoi_WhenAPartnerMapStatesItsOwnOrderLevel()
    {
        var errors = new List<MapError>();
        var soi = OutboundCompiler.Compile("partners/acme/maps/856.outbound.map.yaml", """
            map:
              extends: x12/856-004010.outbound
            fields:
              HLLoop:
                HLLoop:
                  each: orders
                  fields:
                    HL: {HL03: "'O'"}
                    PRF: {PRF01: orderNumber}
                    HLLoop:
                      each: /contents
                      fields:
                        when: equals(orderNumber, outer('orderNumber'))
                        HL: {HL03: "'I'"}
                        LIN: {LIN01: lineNumber, LIN02: "'VP'", LIN03: item/ids/supplierPartId}
                        SN1:
                          SN102: quantity
                          SN103: code(unitOfMeasure, 'uom/x12')
            """, Library.Value.CodeLists, FormatSchemas.Find, errors, id => Library.Value.OutboundMaps.GetValueOrDefault(id));
        Assert.Empty(errors);
        var sample = Path.Combine(RepositoryPaths.Root, "mappings", "defaults", "x12", "856-004010.outbound.samples", "sopi.json");
        var shipment = CanonicalJson.Deserialize<Shipment>(File.ReadAllText(sample));

        var result = OutboundTranslation.Write(soi!, shipment, OutboundGolden.SamplePartner, OutboundGolden.Envelope);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var text = System.Text.Encoding.ASCII.GetString(result.Output!);
        Assert.Contains("HL*1**S*1~", text, StringComparison.Ordinal);
        Assert.Contains("HL*2*1*O*1~\nPRF*PO-4711~\nHL*3*2*I*0~\nLIN*1*VP*GLV-100~\nSN1**10*BX~\nHL*4*2*I*0~", text, StringComparison.Ordinal);
        Assert.DoesNotContain("MAN*GM*", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_RefusesAnOciField_WhenItIsNeitherSpecifiedNorAVendorField()
    {
        var errors = new List<MapError>();
        OutboundCompiler.Compile("oci.outbound.map.yaml", """
            map:
              format: oci
              document: NEW_ITEM
              direction: outbound
              consumes: cart
            fields:
              item:
                each: lines
                fields:
                  DESCRIPTION: item/description
                  price: item/unitPrice/amount
            """, Library.Value.CodeLists, FormatSchemas.Find, errors);

        var error = Assert.Single(errors);
        Assert.Equal((11, 7), (error.Line, error.Column));
        Assert.StartsWith("'price' is not part of item here; expected one of DESCRIPTION, MATNR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CanonicalTree_LaysListsOutAsRepeatedNodes()
    {
        var tree = CanonicalTree.From(Acknowledgment(), typeof(OrderAcknowledgment), "orderAcknowledgment");

        Assert.Equal("2", DocumentPath.Parse("lines[1]/quantity").Value(tree));
        Assert.Equal("2026-11-20", DocumentPath.Parse("orderDate").Value(tree));
        Assert.Equal("/orderAcknowledgment/lines/quantity", DocumentPath.Parse("lines/quantity").First(tree)!.Path);
    }
}
