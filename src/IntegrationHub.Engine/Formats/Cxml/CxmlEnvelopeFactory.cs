using System.Globalization;
using System.Security.Cryptography;

namespace IntegrationHub.Formats.Cxml;

/// <summary>Makes payloadIDs. Each call returns a new, globally unique one; retries must reuse the first, not call again.</summary>
public interface IPayloadIdSource
{
    /// <summary>The next payloadID, shaped <c>datetime.process.random@host</c>.</summary>
    string NewPayloadId(DateTimeOffset now);
}

/// <summary>The production payloadID source: time, a counter, 64 random bits and the hub's host name.</summary>
public sealed class RandomPayloadIdSource(string hostName) : IPayloadIdSource
{
    private long _counter;

    /// <inheritdoc />
    public string NewPayloadId(DateTimeOffset now)
    {
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var counter = Interlocked.Increment(ref _counter);
        return $"{now.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}.{Environment.ProcessId}.{counter}.{random}@{hostName}";
    }
}

/// <summary>
/// Builds outbound envelopes: a fresh payloadID from the injected source, the timestamp from the injected clock (with
/// its offset), and the Header from typed credentials. One-way messages never carry a shared secret.
/// </summary>
public sealed class CxmlEnvelopeFactory(TimeProvider clock, IPayloadIdSource payloadIds, string language = "en-US")
{
    /// <summary>A Request envelope around the payload.</summary>
    public CxmlDocument Request(CxmlHeader header, CxmlElement payload, string deploymentMode = "production")
    {
        ArgumentNullException.ThrowIfNull(header);
        var root = Root();
        root.Add(Header(header, allowSecrets: true));
        var request = root.Add(new CxmlElement("Request"));
        if (deploymentMode != "production") request.SetAttribute("deploymentMode", deploymentMode);
        request.Add(payload);
        return new CxmlDocument(root, null);
    }

    /// <summary>A one-way Message envelope (a PunchOutOrderMessage, for example); shared secrets are left out.</summary>
    public CxmlDocument Message(CxmlHeader header, CxmlElement payload, string? inReplyTo = null, string deploymentMode = "production")
    {
        ArgumentNullException.ThrowIfNull(header);
        var root = Root();
        root.Add(Header(header, allowSecrets: false));
        var message = root.Add(new CxmlElement("Message"));
        if (deploymentMode != "production") message.SetAttribute("deploymentMode", deploymentMode);
        if (inReplyTo is not null) message.SetAttribute("inReplyTo", inReplyTo);
        message.Add(payload);
        return new CxmlDocument(root, null);
    }

    /// <summary>A Response envelope: the Status, and a payload only when the status is 2xx.</summary>
    public CxmlDocument Response(CxmlElement status, CxmlElement? payload = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        var root = Root();
        var response = root.Add(new CxmlElement("Response"));
        response.Add(status);
        var code = status.Attribute("code");
        if (payload is not null && code is not null && code.StartsWith('2')) response.Add(payload);
        return new CxmlDocument(root, null);
    }

    private CxmlElement Root()
    {
        var now = clock.GetLocalNow();
        return new CxmlElement("cXML")
            .SetAttribute("payloadID", payloadIds.NewPayloadId(now))
            .SetAttribute("timestamp", CxmlTimestamp.Format(now))
            .SetAttribute("xml:lang", language);
    }

    private static CxmlElement Header(CxmlHeader header, bool allowSecrets)
    {
        var element = new CxmlElement("Header");
        element.Add(Party("From", header.From, allowSecrets: false));
        element.Add(Party("To", header.To, allowSecrets: false));
        var sender = element.Add(Party("Sender", header.Sender, allowSecrets));
        sender.Add(new CxmlElement("UserAgent")).AddText(header.UserAgent);
        return element;
    }

    private static CxmlElement Party(string name, IEnumerable<CxmlCredential> credentials, bool allowSecrets)
    {
        var party = new CxmlElement(name);
        foreach (var credential in credentials)
        {
            var element = party.Add(new CxmlElement("Credential")).SetAttribute("domain", credential.Domain);
            if (credential.Type is not null) element.SetAttribute("type", credential.Type);
            element.Add(new CxmlElement("Identity")).AddText(credential.Identity);
            if (allowSecrets && credential.SharedSecret is not null) element.Add(new CxmlElement("SharedSecret")).AddText(credential.SharedSecret);
        }
        return party;
    }
}
