using System.Text;
using IntegrationHub.Translation;

namespace IntegrationHub.Engine.Tests.Translation;

public sealed class X12AcknowledgmentsTests
{
    private const string Isa = "ISA*00*          *00*          *ZZ*EDIPARTNER     *ZZ*SUPPLIER       *261201*1200*U*00401*000000042*0*T*>~";

    [Fact]
    public void SetsOf_NamesEachSetByItsInterchangeGroupAndSetNumbers_WhenTheFileHasTwoSets()
    {
        var file = Isa + "GS*SH*SUPPLIER*EDIPARTNER*20261201*1200*7*X*004010~ST*856*0001~BSN*00*S1*20261201*1200~SE*3*0001~" +
                   "ST*856*0002~BSN*00*S2*20261201*1200~SE*3*0002~GE*2*7~IEA*1*000000042~";

        var sets = X12Acknowledgments.SetsOf(Encoding.ASCII.GetBytes(file));

        Assert.Equal([new X12SentSet("000000042", "SH", "7", "856", "0001"), new X12SentSet("000000042", "SH", "7", "856", "0002")], sets);
    }

    [Fact]
    public void Read_GivesTheGroupCodeAndEachSetsVerdict_WhenA997RejectsOneSet()
    {
        var file = Isa + "GS*FA*EDIPARTNER*SUPPLIER*20261201*1200*9*X*004010~ST*997*0001~AK1*SH*7~AK2*856*0001~AK5*A~AK2*856*0002~AK3*BSN*2**8~AK5*R*5~" +
                   "AK9*P*2*2*1~SE*9*0001~GE*1*9~IEA*1*000000042~";

        var ack = Assert.Single(X12Acknowledgments.Read(Encoding.ASCII.GetBytes(file)));

        Assert.Equal(("997", "SH", "7", "P"), (ack.Kind, ack.FunctionalId, ack.GroupControlNumber, ack.Code));
        Assert.Equal(["A", "R"], ack.Sets.Select(s => s.Code));
        Assert.Equal(["5", "BSN@2:8"], ack.Sets[1].Errors);
    }

    [Fact]
    public void Read_GivesTheInterchangeNumberAndCode_WhenTheFileIsOneTa1()
    {
        var file = Isa + "TA1*000000123*261201*1200*R*022~IEA*0*000000042~";

        var ack = Assert.Single(X12Acknowledgments.Read(Encoding.ASCII.GetBytes(file)));

        Assert.Equal(("TA1", "000000123", "R", "022"), (ack.Kind, ack.InterchangeControlNumber, ack.Code, ack.Note));
        Assert.Null(ack.GroupControlNumber);
    }
}
