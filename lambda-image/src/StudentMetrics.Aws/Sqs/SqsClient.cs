using StudentMetrics.Aws.Json;

namespace StudentMetrics.Aws.Sqs;

/// <summary>SQS over its JSON protocol (<c>X-Amz-Target: AmazonSQS.*</c>): what the local host needs to poll a queue as Lambda does.</summary>
public sealed class SqsClient : IDisposable
{
    private readonly AwsJsonClient _client;

    public SqsClient(AwsSettings settings, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Region = settings.Region;
        _client = new AwsJsonClient(settings, settings.EndpointFor("SQS", "sqs"), "sqs", "AmazonSQS", "1.0", handler);
    }

    public string Region { get; }

    /// <returns>The queue URL.</returns>
    public async Task<string> CreateQueueAsync(string queueName, IReadOnlyDictionary<string, string>? attributes, CancellationToken cancellationToken)
    {
        var response = await _client.CallAsync(
            "CreateQueue",
            new CreateQueueRequest { QueueName = queueName, Attributes = attributes },
            SqsJsonContext.Default.CreateQueueRequest,
            SqsJsonContext.Default.CreateQueueResponse,
            cancellationToken).ConfigureAwait(false);
        return response.QueueUrl ?? throw new AwsServiceException("CreateQueue returned no QueueUrl.");
    }

    public async Task<IReadOnlyDictionary<string, string>> GetQueueAttributesAsync(string queueUrl, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var response = await _client.CallAsync(
            "GetQueueAttributes",
            new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = names },
            SqsJsonContext.Default.GetQueueAttributesRequest,
            SqsJsonContext.Default.GetQueueAttributesResponse,
            cancellationToken).ConfigureAwait(false);
        return response.Attributes ?? new Dictionary<string, string>();
    }

    public async Task<IReadOnlyList<SqsReceivedMessage>> ReceiveMessagesAsync(
        string queueUrl, int maxMessages, TimeSpan wait, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var response = await _client.CallAsync(
            "ReceiveMessage",
            new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = Math.Clamp(maxMessages, 1, 10),
                WaitTimeSeconds = (int)Math.Clamp(wait.TotalSeconds, 0, 20),
                VisibilityTimeout = (int)Math.Clamp(visibilityTimeout.TotalSeconds, 0, 43200),
            },
            SqsJsonContext.Default.ReceiveMessageRequest,
            SqsJsonContext.Default.ReceiveMessageResponse,
            cancellationToken).ConfigureAwait(false);
        return response.Messages ?? [];
    }

    public Task DeleteMessageAsync(string queueUrl, string receiptHandle, CancellationToken cancellationToken) =>
        _client.CallAsync(
            "DeleteMessage",
            new DeleteMessageRequest { QueueUrl = queueUrl, ReceiptHandle = receiptHandle },
            SqsJsonContext.Default.DeleteMessageRequest,
            SqsJsonContext.Default.EmptyResponse,
            cancellationToken);

    /// <returns>The message id.</returns>
    public async Task<string> SendMessageAsync(string queueUrl, string body, CancellationToken cancellationToken)
    {
        var response = await _client.CallAsync(
            "SendMessage",
            new SendMessageRequest { QueueUrl = queueUrl, MessageBody = body },
            SqsJsonContext.Default.SendMessageRequest,
            SqsJsonContext.Default.SendMessageResponse,
            cancellationToken).ConfigureAwait(false);
        return response.MessageId ?? throw new AwsServiceException("SendMessage returned no MessageId.");
    }

    public void Dispose() => _client.Dispose();
}
