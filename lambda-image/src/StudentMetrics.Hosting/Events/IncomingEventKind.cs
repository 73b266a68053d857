namespace StudentMetrics.Hosting.Events;

/// <summary>How an object-created notification reached the function.</summary>
public enum IncomingEventKind
{
    /// <summary>Neither shape: the invocation is refused.</summary>
    Unknown,

    /// <summary>A batch of SQS messages, each holding an S3 notification.</summary>
    Sqs,

    /// <summary>An S3 event delivered by S3 itself.</summary>
    S3,

    /// <summary>The S3 test event delivered directly.</summary>
    S3Test,
}
