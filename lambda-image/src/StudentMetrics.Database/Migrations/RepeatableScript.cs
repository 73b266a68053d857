namespace StudentMetrics.Database.Migrations;

/// <summary>
/// A repeatable script, <c>R__schema.object.sql</c>: the whole current definition of one view or function, created
/// anew whenever any repeatable script changes.
/// </summary>
/// <param name="ObjectName">The object it defines, <c>schema.object</c>; its functions are every overload of that name.</param>
/// <param name="Requires">Other repeatables' objects its CREATE needs (its <c>-- requires:</c> header).</param>
internal sealed record RepeatableScript(MigrationScript Script, string ObjectName, IReadOnlyList<string> Requires);
