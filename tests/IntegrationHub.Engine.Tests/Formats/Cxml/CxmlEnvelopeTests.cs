using System.Text;
using IntegrationHub.Documents;

namespace IntegrationHub.Formats.Cxml;

public sealed class CxmlEnvelopeTests
{
    private static readonly CxmlHeader Header = new(
        [new CxmlCredential("DUNS", null, "123456789", null, false)],
        [new CxmlCredential("NetworkID", null, "AN0000000001", null, false)],
        [new CxmlCredential("DUNS", null, "123456789", "very-secret-value", false)],
        "IntegrationHub");

    private static CxmlEnvelopeFactory Factory() =>
        new(new FixedClock(new DateTimeOffset(2026, 11, 26, 16, 0, 0, TimeSpan.FromHours(1))), new SequentialPayloadIds());

    [Fact]
    public void Describe_RedactsSharedSecret_WhenSenderCarriesOne()
    {
        var result = CxmlReader.Read(CxmlSamples.Bytes("OrderRequest.typical"));

        var described = CxmlInspector.Describe(result);

        Assert.Contains("secret=[redacted]", described, StringComparison.Ordinal);
        Assert.DoesNotContain("order-secret-42", described, StringComparison.Ordinal);
        Assert.DoesNotContain("order-secret-42", result.Document!.Header!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("4111111111111111", described, StringComparison.Ordinal);
        Assert.Equal("order-secret-42", result.Document.Header.Sender[0].SharedSecret);
    }

    [Fact]
    public void IsDomain_IgnoresCase_WhenBuyersVaryTheDomainSpelling()
    {
        var credential = new CxmlCredential("NetworkId", null, "AN1", null, false);

        Assert.True(credential.IsDomain("NetworkID"));
        Assert.False(credential.IsDomain("DUNS"));
    }

    [Fact]
    public void Read_WarnsButReads_WhenDoctypeIsMissingOrPrivate()
    {
        const string body = "<cXML payloadID=\"1@x\" timestamp=\"2026-01-01T00:00:00+00:00\"><Response><Status code=\"200\" text=\"OK\"/></Response></cXML>";

        var missing = CxmlReader.Read(Encoding.UTF8.GetBytes(body));
        var custom = CxmlReader.Read(Encoding.UTF8.GetBytes("<!DOCTYPE cXML SYSTEM \"http://xml.cxml.org/schemas/cXML/1.2.060/Custom.dtd\">" + body));

        Assert.Equal(CxmlCodes.MissingDoctype, Assert.Single(missing.Diagnostics).Code);
        Assert.Equal(CxmlCodes.PrivateDtd, Assert.Single(custom.Diagnostics).Code);
        Assert.Equal("1.2.060", custom.Document!.Version);
        Assert.False(missing.HasErrors || custom.HasErrors);
    }

    [Fact]
    public void Read_ReportsErrorAtTheRoot_WhenPayloadIdIsEmpty()
    {
        var result = CxmlReader.Read(Encoding.UTF8.GetBytes(
            "<!DOCTYPE cXML SYSTEM \"http://xml.cxml.org/schemas/cXML/1.2.069/cXML.dtd\">\n<cXML payloadID=\"\" timestamp=\"\"><Response><Status code=\"200\" text=\"OK\"/></Response></cXML>"));

        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(CxmlCodes.EnvelopeRequired, error.Code);
        Assert.Equal(new Position(-1, 2, 2, "/cXML"), error.Position);
        Assert.Contains(result.Diagnostics, d => d.Code == CxmlCodes.TimestampUnreadable);
    }

    [Fact]
    public void Message_LeavesSharedSecretOut_WhenHeaderHasOne()
    {
        var message = Factory().Message(Header, new CxmlElement("PunchOutOrderMessage"));

        var written = Encoding.UTF8.GetString(CxmlWriter.Write(message));

        Assert.DoesNotContain("very-secret-value", written, StringComparison.Ordinal);
        Assert.DoesNotContain("SharedSecret", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_UsesInjectedClockAndIds_WhenBuilt()
    {
        var factory = Factory();

        var first = factory.Request(Header, new CxmlElement("ProfileRequest"));
        var second = factory.Request(Header, new CxmlElement("ProfileRequest"));

        Assert.Equal("1@test", first.PayloadId);
        Assert.Equal("2@test", second.PayloadId);
        Assert.Equal("2026-11-26T16:00:00+01:00", first.Timestamp.Raw);
        Assert.Contains("<SharedSecret>very-secret-value</SharedSecret>", Encoding.UTF8.GetString(CxmlWriter.Write(first)), StringComparison.Ordinal);
        Assert.Empty(CxmlDtdValidator.Validate(CxmlWriter.Write(first)));
    }

    [Fact]
    public void RandomPayloadIdSource_NeverRepeats_WhenCalledManyTimes()
    {
        var source = new RandomPayloadIdSource("hub.example");
        var now = DateTimeOffset.UnixEpoch;

        var ids = Enumerable.Range(0, 1000).Select(_ => source.NewPayloadId(now)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.EndsWith("@hub.example", id, StringComparison.Ordinal));
    }
}
