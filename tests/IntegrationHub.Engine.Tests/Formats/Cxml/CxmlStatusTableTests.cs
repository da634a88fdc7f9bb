using System.Text;
using IntegrationHub.Documents;

namespace IntegrationHub.Formats.Cxml;

public sealed class CxmlStatusTableTests
{
    [Theory]
    [InlineData(CxmlCodes.Malformed, 406)]
    [InlineData(CxmlCodes.EntityDeclared, 406)]
    [InlineData(CxmlCodes.Required, 400)]
    [InlineData(CxmlCodes.Unauthorized, 401)]
    [InlineData(CxmlCodes.Forbidden, 403)]
    [InlineData(CxmlCodes.Conflict, 409)]
    [InlineData(CxmlCodes.PreconditionFailed, 412)]
    [InlineData(CxmlCodes.NotImplemented, 450)]
    [InlineData(CxmlCodes.TooManyRequests, 560)]
    [InlineData(CxmlCodes.TooLarge, 406)]
    [InlineData("cxml.something.new", 400)]
    [InlineData("internal.store.down", 500)]
    [InlineData("unheard.of", 500)]
    public void RowFor_GivesTheStatusCode_WhenDiagnosticHasTheCode(string code, int status)
    {
        Assert.Equal(status, CxmlStatusTable.RowFor(code).Status);
    }

    [Fact]
    public void StatusFor_IsOk_WhenThereAreOnlyWarnings()
    {
        var status = CxmlStatusTable.StatusFor([new Diagnostic(CxmlCodes.TimestampNonstandard, "odd", Severity.Warning, Position.Unknown)]);

        Assert.Equal(200, status.Code);
    }

    [Fact]
    public void ResponseFor_WritesAValidResponseWithTheFirstErrorsStatus_WhenReadingFailed()
    {
        var read = CxmlReader.Read(Encoding.UTF8.GetBytes("<cXML><Header>"));
        var factory = new CxmlEnvelopeFactory(new FixedClock(DateTimeOffset.UnixEpoch), new SequentialPayloadIds());

        var response = CxmlStatusTable.ResponseFor(CxmlStatusTable.StatusFor(read.Diagnostics), factory);
        var bytes = CxmlWriter.Write(response);

        Assert.Empty(CxmlDtdValidator.Validate(bytes));
        var reread = CxmlReader.Read(bytes).Document!;
        Assert.Equal(406, reread.Status!.Code);
        Assert.Equal("Not Acceptable", reread.Status.Text);
        Assert.Contains(CxmlCodes.Malformed, reread.Status.Detail, StringComparison.Ordinal);
    }
}
