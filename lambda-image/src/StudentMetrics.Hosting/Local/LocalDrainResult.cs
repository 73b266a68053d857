namespace StudentMetrics.Hosting.Local;

/// <summary>What a local run of a queue-triggered function did.</summary>
/// <param name="Invocations">Batches handed to the function.</param>
/// <param name="MessagesReceived">Messages taken from the queue (a retried message counts each time).</param>
/// <param name="MessagesSucceeded">Messages the function handled; they were deleted from the queue.</param>
/// <param name="MessagesFailed">Messages the function reported as failed; they stay on the queue for a retry.</param>
public sealed record LocalDrainResult(int Invocations, int MessagesReceived, int MessagesSucceeded, int MessagesFailed);
