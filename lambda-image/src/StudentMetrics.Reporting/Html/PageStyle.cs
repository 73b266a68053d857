namespace StudentMetrics.Reporting.Html;

/// <summary>The page's only stylesheet, inlined so the page opens anywhere without a network.</summary>
internal static class PageStyle
{
    public const string Css = """
        :root { --ink: #1a202c; --muted: #5a6474; --line: #e2e6ec; --bg: #f3f5f8; --navy: #1c355e; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--ink);
               font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
        header.top { background: linear-gradient(120deg, #1c355e, #24508a); color: #fff; padding: 22px 32px;
                     display: flex; justify-content: space-between; align-items: flex-end; gap: 24px; flex-wrap: wrap; }
        header.top h1 { margin: 0; font-size: 24px; font-weight: 650; letter-spacing: .2px; }
        header.top .sub { margin: 4px 0 0; color: #d4e0f2; font-size: 15px; }
        header.top .meta { text-align: right; color: #d4e0f2; font-size: 12.5px; }
        main { max-width: 1360px; margin: 0 auto; padding: 20px 24px 40px; }
        .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 14px; margin-bottom: 18px; }
        .kpi { background: #fff; border-radius: 10px; padding: 14px 16px; box-shadow: 0 1px 2px rgba(16,24,40,.06);
               border-top: 4px solid var(--accent, #2b6cb0); }
        .kpi .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .6px; font-weight: 600; }
        .kpi .value { font-size: 30px; font-weight: 700; margin-top: 2px; }
        .kpi .value small { font-size: 15px; font-weight: 600; color: var(--muted); margin-left: 4px; }
        .kpi .context { color: var(--muted); font-size: 12.5px; }
        .kpi .trend-good { color: #2f855a; font-weight: 600; }
        .kpi .trend-bad { color: #c53030; font-weight: 600; }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 18px; }
        .card { background: #fff; border-radius: 10px; padding: 16px 18px 12px; box-shadow: 0 1px 2px rgba(16,24,40,.06); margin: 0; }
        .card.wide { grid-column: 1 / -1; margin-top: 18px; }
        .card h2 { font-size: 16px; margin: 0; font-weight: 650; }
        .card .subtitle { color: var(--muted); font-size: 12.5px; margin: 2px 0 8px; }
        .card svg { width: 100%; height: auto; display: block; }
        .card figcaption.note { color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 6px; margin-top: 4px; }
        svg text { font-family: inherit; }
        svg .label { font-size: 12.5px; fill: #2d3748; }
        svg .tick { font-size: 11px; fill: #718096; }
        svg .value { font-size: 11.5px; fill: #2d3748; font-weight: 600; }
        /* A white halo keeps value labels readable where they cross grid or reference lines. */
        svg .value, svg .reference-label { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
        svg .value.inside { fill: #fff; stroke: none; }
        svg .legend { font-size: 12px; fill: #2d3748; }
        svg .grid { stroke: #edf0f4; stroke-width: 1; }
        svg .axis { stroke: #a0aec0; stroke-width: 1; }
        svg .reference { stroke: #1a202c; stroke-width: 1.5; stroke-dasharray: 5 4; }
        svg .reference-label { font-size: 11px; fill: #1a202c; font-weight: 600; }
        svg .suppressed-note { font-size: 12px; fill: #4a5568; font-style: italic; }
        svg .no-data { font-size: 11.5px; fill: #a0aec0; font-style: italic; }
        svg .segment-label { font-size: 11px; fill: #fff; font-weight: 700; }
        table { width: 100%; border-collapse: collapse; font-size: 13px; }
        th { text-align: left; color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .4px;
             border-bottom: 2px solid var(--line); padding: 8px 10px; }
        td { border-bottom: 1px solid var(--line); padding: 8px 10px; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.suppressed { color: #4a5568; font-style: italic; background: repeating-linear-gradient(45deg, #f7f8fa, #f7f8fa 6px, #eef0f3 6px, #eef0f3 12px); }
        tr.district td { font-weight: 650; background: #f7fafc; }
        .badge { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 11.5px; font-weight: 650; }
        .badge.ok { background: #e6f4ea; color: #22663a; }
        .badge.stale { background: #fdecea; color: #9b2c2c; }
        .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; color: #4a5568; }
        .notes { margin-top: 18px; color: var(--muted); font-size: 12.5px; }
        .notes h2 { color: var(--ink); font-size: 14px; margin: 0 0 6px; }
        .notes ul { margin: 0; padding-left: 18px; }
        .empty { background: #fff; border-radius: 10px; padding: 40px; text-align: center; color: var(--muted); font-size: 16px; }
        @media print { body { background: #fff; } .card, .kpi { box-shadow: none; border: 1px solid var(--line); break-inside: avoid; } }
        """;
}
