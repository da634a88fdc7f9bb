using Dapper;
using Hangfire;
using IntegrationHub.Pipeline.Dispatch;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Pipeline.Outbox;

/// <summary>
/// Sends one outbound document on its channel: an HTTP POST to the partner's endpoint, or a file in the outbox folder.
/// Same rules as delivery to the store: the row is locked while it is sent, transient failures are retried with
/// back-off, permanent ones (and too many transient ones) park the message, and every attempt is recorded.
/// </summary>
[AutomaticRetry(Attempts = 5)]
internal sealed partial class SendOutboundJob(NpgsqlDataSource dataSource, IHttpClientFactory httpClients, PipelineJobs jobs,
    IOptions<PipelineOptions> options, MappingsProvider mappings, IConfiguration configuration, ILogger<SendOutboundJob> logger)
{
    public const string HttpClientName = "partner-channel";

    public Task RunAsync(long messageId, CancellationToken cancellationToken) => RunAsync((long?)messageId, cancellationToken);

    /// <summary>Sends the outbound message that has been due longest and that no other worker holds; false when there is none.</summary>
    public Task<bool> RunNextAsync(PipelineClaim claim, CancellationToken cancellationToken) => RunAsync(null, cancellationToken, claim);

    private async Task<bool> RunAsync(long? wanted, CancellationToken cancellationToken, PipelineClaim? claim = null)
    {
        TimeSpan? retryAfter = null;
        long messageId;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var message = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
                SELECT id, partner_id AS PartnerId, protocol, document_type AS DocumentType, raw, content_type AS ContentType, channel, attempts
                FROM hub.message
                WHERE (CAST(@Id AS bigint) IS NULL OR id = @Id) AND direction = 'out' AND status IN ('pending', 'retrying') AND channel IS NOT NULL
                  AND next_attempt_at <= now() + CASE WHEN CAST(@Id AS bigint) IS NULL THEN interval '0' ELSE interval '2 seconds' END
                  AND NOT (id = ANY(@SetAside))
                ORDER BY next_attempt_at, id LIMIT 1
                FOR UPDATE SKIP LOCKED
                """, new { Id = wanted, SetAside = claim?.SetAside ?? [] }, transaction, cancellationToken: cancellationToken));
            if (message is not { Channel: { } channel } row) return false;
            messageId = row.Id;
            if (claim is not null) claim.Id = messageId;

            var (outcome, httpStatus, detail, answer) = channel == OutboundMessages.OutboxChannel
                ? await WriteOutboxAsync(row, cancellationToken)
                : await PostAsync(row, channel, cancellationToken);
            var attempts = row.Attempts + 1;
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO hub.attempt (message_id, target, outcome, http_status, detail, answer_code, answer_text)
                VALUES (@Id, @Target, @Outcome, @HttpStatus, @Detail, @AnswerCode, @AnswerText)
                """, new { row.Id, Target = channel, Outcome = outcome, HttpStatus = httpStatus, Detail = detail, AnswerCode = answer?.Code, AnswerText = answer?.Text },
                transaction, cancellationToken: cancellationToken));
            var status = outcome switch
            {
                "succeeded" => OutboundMessages.Sent,
                "transient" when attempts < options.Value.MaxAttempts => OutboundMessages.Retrying,
                _ => OutboundMessages.Parked,
            };
            if (status == OutboundMessages.Retrying) retryAfter = options.Value.RetryDelay(attempts);
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE hub.message SET status = @Status, attempts = @Attempts, last_error = @Error, next_attempt_at = now() + @After, updated_at = now()
                WHERE id = @Id
                """, new
            {
                row.Id, Status = status, Attempts = attempts, Error = status == OutboundMessages.Sent ? null : detail, After = retryAfter ?? TimeSpan.Zero,
            }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            if (status == OutboundMessages.Parked) LogParked(row.Id, row.PartnerId, detail);
        }
        if (retryAfter is { } delay) jobs.Send(messageId, delay);
        return true;
    }

    /// <summary>The Status a partner's cXML answer carried: recorded with the attempt.</summary>
    private sealed record CxmlAnswer(int Code, string? Text);

    private async Task<(string Outcome, int? HttpStatus, string Detail, CxmlAnswer? Answer)> PostAsync(Row row, string url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url)) { Content = new ByteArrayContent(row.Raw) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(row.ContentType);
        var credentials = mappings.Current.Partners.Find(row.PartnerId)?.EndpointCredentials.GetValueOrDefault(row.Protocol);
        if (PartnerCredentials.Apply(request, credentials, configuration) is { } missing) return ("permanent", null, missing, null);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var answer = row.Protocol == "cxml" ? CxmlStatusOf(body) : null;
            if (response.IsSuccessStatusCode && answer is { Code: < 200 or >= 300 } cxml)
                return (cxml.Code >= 500 ? "transient" : "permanent", status, $"The partner answered cXML status {cxml.Code} {cxml.Text}.", answer);
            if (response.IsSuccessStatusCode) return ("succeeded", status, $"Delivered ({status}).", answer);
            var transient = status is 408 or 429 || status >= 500;
            return (transient ? "transient" : "permanent", status, $"The partner's endpoint answered {status}: {(body.Length > 300 ? body[..300] : body)}", answer);
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException
                                   or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ("transient", null, $"The partner's endpoint could not be reached: {ex.Message}", null);
        }
    }

    private async Task<(string Outcome, int? HttpStatus, string Detail, CxmlAnswer? Answer)> WriteOutboxAsync(Row row, CancellationToken cancellationToken)
    {
        try
        {
            var folder = Path.Combine(options.Value.OutboxPath!, row.PartnerId);
            Directory.CreateDirectory(folder);
            var name = $"{row.Id:D10}-{row.DocumentType}.{(row.Protocol == "x12" ? "x12" : "xml")}";
            var partial = Path.Combine(folder, "." + name + ".partial");
            await File.WriteAllBytesAsync(partial, row.Raw, cancellationToken);
            File.Move(partial, Path.Combine(folder, name), overwrite: true); // the partner's pickup never sees half a file
            return ("succeeded", null, $"Written to the outbox as {name}.", null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ("transient", null, $"The outbox could not be written: {ex.Message}", null);
        }
    }

    // A cXML answer's Status, read safely (no DTD, no resolver); null when the body is not cXML or has none.
    private static CxmlAnswer? CxmlStatusOf(string body)
    {
        var read = IntegrationHub.Formats.Cxml.CxmlReader.Read(System.Text.Encoding.UTF8.GetBytes(body));
        return read.Document?.Status is { } status ? new CxmlAnswer(status.Code, status.Text.Length > 300 ? status.Text[..300] : status.Text) : null;
    }

    private sealed record Row(long Id, string PartnerId, string Protocol, string DocumentType, byte[] Raw, string ContentType, string? Channel, int Attempts);

    [LoggerMessage(1, LogLevel.Error, "Outbound message {MessageId} to {PartnerId} is parked: {Reason}")]
    private partial void LogParked(long messageId, string partnerId, string reason);
}
