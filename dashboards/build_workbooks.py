#!/usr/bin/env python3
"""Writes the Tableau workbooks in this folder from the reporting views they read.

Each workbook is plain .twb XML: one live PostgreSQL data source per reporting view, connecting as the read-only
reporting role; one worksheet per question; one dashboard. Run it again after changing a view, or to point a copy
at another database:

    python3 dashboards/build_workbooks.py                       # rewrite dashboards/*.twb (localhost defaults)
    python3 dashboards/build_workbooks.py --server db.example.org --port 5432 --dbname student_metrics \\
        --user student_metrics_reporting --out /tmp/workbooks     # copies for another database
"""
import argparse
import pathlib
import uuid
from xml.sax.saxutils import quoteattr

# Columns of the reporting views, with the PostgreSQL type each has (db/migrations/R__reporting.*.sql).
VIEWS = {
    "attendance_rate": [("scope", "text"), ("school_id", "text"), ("grade_level", "smallint"), ("grade", "text"),
                        ("term", "text"), ("suppressed", "boolean"), ("suppression_reason", "text"),
                        ("student_count", "bigint"), ("days_enrolled", "bigint"), ("days_present", "bigint"),
                        ("attendance_rate", "numeric")],
    "chronic_absence": [("scope", "text"), ("school_id", "text"), ("term", "text"), ("suppressed", "boolean"),
                        ("suppression_reason", "text"), ("student_count", "bigint"),
                        ("chronically_absent_count", "bigint"), ("chronic_absence_rate", "numeric")],
    "average_scores": [("scope", "text"), ("subject", "text"), ("school_id", "text"), ("grade_level", "smallint"),
                       ("grade", "text"), ("term", "text"), ("suppressed", "boolean"), ("suppression_reason", "text"),
                       ("student_count", "bigint"), ("average_score", "numeric")],
    "score_bands": [("scope", "text"), ("subject", "text"), ("school_id", "text"), ("term", "text"),
                    ("band_order", "integer"), ("band", "text"), ("suppressed", "boolean"),
                    ("suppression_reason", "text"), ("group_student_count", "bigint"), ("student_count", "bigint"),
                    ("share", "numeric")],
    "students_at_risk": [("scope", "text"), ("school_id", "text"), ("term", "text"), ("suppressed", "boolean"),
                         ("suppression_reason", "text"), ("student_count", "bigint"), ("at_risk_count", "bigint"),
                         ("at_risk_rate", "numeric"), ("multiple_indicators_count", "bigint"),
                         ("low_attendance_count", "bigint"), ("low_scores_count", "bigint"),
                         ("many_incidents_count", "bigint")],
    "data_freshness": [("school_id", "text"), ("last_loaded_at", "timestamptz"), ("latest_recorded_on", "date"),
                       ("latest_term", "text"), ("source_files", "bigint"), ("latest_source_key", "text"),
                       ("latest_source_sha256", "text"), ("ledger_status", "text"), ("ledger_finished_at", "timestamptz"),
                       ("days_since_load", "integer"), ("stale", "boolean")],
    "settings": [("min_group_size", "integer"), ("chronic_absence_below", "numeric"), ("at_risk_score_below", "numeric"),
                 ("at_risk_incidents_at_least", "integer"), ("stale_after_days", "integer")],
}

CAPTIONS = {"school_id": "School", "term": "Term", "grade": "Grade", "subject": "Subject", "band": "Score band",
            "attendance_rate": "Attendance rate", "chronic_absence_rate": "Chronic absence rate",
            "average_score": "Average score", "student_count": "Students", "share": "Share of students",
            "at_risk_count": "Students at risk", "suppression_reason": "Suppressed because",
            "last_loaded_at": "Last loaded", "days_since_load": "Days since load", "stale": "Stale"}

# (tableau datatype, role, type, remote-type, default aggregation)
TYPES = {"text": ("string", "dimension", "nominal", 130, "Count"),
         "boolean": ("boolean", "dimension", "nominal", 11, "Count"),
         "smallint": ("integer", "dimension", "ordinal", 2, "Sum"),
         "integer": ("integer", "measure", "quantitative", 3, "Sum"),
         "bigint": ("integer", "measure", "quantitative", 20, "Sum"),
         "numeric": ("real", "measure", "quantitative", 131, "Avg"),
         "date": ("date", "dimension", "ordinal", 7, "Year"),
         "timestamptz": ("datetime", "dimension", "ordinal", 135, "Year")}
ORDINAL_DIMENSIONS = {"band_order"}

# A worksheet: title, view, mark, rows, cols, filter on scope, extra encodings (color/label/tooltip), number format.
# Shelf fields are (derivation, column); derivation None means a dimension.
WORKBOOKS = {
    "student_metrics_overview.twb": {
        "dashboard": "District overview",
        "sheets": [
            dict(name="Attendance rate by school", view="attendance_rate", mark="Bar", scope="school",
                 rows=[("none", "school_id")], cols=[("none", "term"), ("avg", "attendance_rate")],
                 color=("none", "suppressed"), label=("avg", "attendance_rate"),
                 tooltip=[("sum", "student_count"), ("none", "suppression_reason")]),
            dict(name="Attendance rate by grade", view="attendance_rate", mark="Bar", scope="grade",
                 rows=[("none", "grade_level")], cols=[("none", "term"), ("avg", "attendance_rate")],
                 label=("avg", "attendance_rate"), tooltip=[("sum", "student_count"), ("none", "grade")]),
            dict(name="Chronic absence by school", view="chronic_absence", mark="Bar", scope="school",
                 rows=[("none", "school_id")], cols=[("none", "term"), ("avg", "chronic_absence_rate")],
                 label=("avg", "chronic_absence_rate"),
                 tooltip=[("sum", "chronically_absent_count"), ("sum", "student_count"), ("none", "suppression_reason")]),
            dict(name="Average scores by subject and school", view="average_scores", mark="Bar", scope="school",
                 rows=[("none", "school_id"), ("none", "subject")], cols=[("none", "term"), ("avg", "average_score")],
                 color=("none", "subject"), label=("sum", "student_count"),
                 tooltip=[("avg", "average_score"), ("none", "suppression_reason")]),
            dict(name="Average scores by grade", view="average_scores", mark="Bar", scope="grade",
                 rows=[("none", "grade_level"), ("none", "subject")], cols=[("none", "term"), ("avg", "average_score")],
                 color=("none", "subject"), label=("sum", "student_count"), tooltip=[("none", "grade")]),
            dict(name="Score distribution", view="score_bands", mark="Bar", scope="district",
                 rows=[("none", "subject")], cols=[("none", "term"), ("sum", "share")],
                 color=("none", "band"), label=("sum", "student_count"),
                 tooltip=[("sum", "group_student_count"), ("none", "band_order")]),
            dict(name="Students at risk by school", view="students_at_risk", mark="Bar", scope="school",
                 rows=[("none", "school_id")], cols=[("none", "term"), ("sum", "at_risk_count")],
                 label=("avg", "at_risk_rate"),
                 tooltip=[("sum", "student_count"), ("sum", "low_attendance_count"), ("sum", "low_scores_count"),
                          ("sum", "many_incidents_count"), ("sum", "multiple_indicators_count"),
                          ("none", "suppression_reason")]),
            dict(name="Suppressed groups", view="students_at_risk", mark="Text", scope="school",
                 rows=[("none", "school_id")], cols=[("none", "term")], label=("none", "suppression_reason"),
                 tooltip=[("none", "suppressed")]),
        ],
    },
    "student_metrics_operations.twb": {
        "dashboard": "Data freshness",
        "sheets": [
            dict(name="Latest load by school", view="data_freshness", mark="Text", scope=None,
                 rows=[("none", "school_id"), ("none", "latest_term"), ("none", "latest_source_key"),
                       ("none", "ledger_status")],
                 cols=[], label=("none", "last_loaded_at"),
                 color=("none", "stale"),
                 tooltip=[("none", "latest_recorded_on"), ("none", "latest_source_sha256"),
                          ("none", "ledger_finished_at"), ("sum", "source_files")]),
            dict(name="Days since last load", view="data_freshness", mark="Bar", scope=None,
                 rows=[("none", "school_id")], cols=[("sum", "days_since_load")], color=("none", "stale"),
                 label=("sum", "days_since_load")),
            dict(name="Reporting thresholds", view="settings", mark="Text", scope=None,
                 rows=[("none", "min_group_size"), ("none", "chronic_absence_below"), ("none", "at_risk_score_below"),
                       ("none", "at_risk_incidents_at_least"), ("none", "stale_after_days")],
                 cols=[], label=("none", "min_group_size")),
        ],
    },
}


def ds_name(view):
    return f"federated.{view.replace('_', '')}"


def kind_of(derivation, column, view):
    """How a field is used on a shelf: aggregated (quantitative), or as a discrete nominal or ordinal dimension."""
    if derivation != "none":
        return "quantitative"
    return "nominal" if TYPES[dict(VIEWS[view])[column]][2] == "nominal" else "ordinal"


def instance(derivation, column, view):
    suffix = {"quantitative": "qk", "nominal": "nk", "ordinal": "ok"}[kind_of(derivation, column, view)]
    return f"[{derivation}:{column}:{suffix}]"


def qualified(derivation, column, view):
    return f"[{ds_name(view)}].{instance(derivation, column, view)}"


def column_xml(column, pgtype, indent):
    datatype, role, kind, _, aggregation = TYPES[pgtype]
    if column in ORDINAL_DIMENSIONS:
        role, kind = "dimension", "ordinal"
    caption = CAPTIONS.get(column, column.replace("_", " ").capitalize())
    return (f"{indent}<column caption={quoteattr(caption)} datatype='{datatype}' name='[{column}]' role='{role}' "
            f"type='{kind}' />\n")


def datasource_xml(view, conn):
    name = ds_name(view)
    connection = f"postgres.{view.replace('_', '')}"
    out = [f"    <datasource caption={quoteattr('reporting.' + view)} inline='true' name='{name}' version='18.1'>\n",
           "      <connection class='federated'>\n",
           "        <named-connections>\n",
           f"          <named-connection caption={quoteattr(conn['server'])} name='{connection}'>\n",
           f"            <connection authentication='username-password' class='postgres' dbname={quoteattr(conn['dbname'])} "
           f"odbc-native-protocol='' one-time-sql='' port={quoteattr(str(conn['port']))} server={quoteattr(conn['server'])} "
           f"sslmode={quoteattr(conn['sslmode'])} username={quoteattr(conn['user'])} />\n",
           "          </named-connection>\n",
           "        </named-connections>\n",
           f"        <relation connection='{connection}' name='{view}' table='[reporting].[{view}]' type='table' />\n",
           "        <metadata-records>\n"]
    for ordinal, (column, pgtype) in enumerate(VIEWS[view], start=1):
        datatype, _, _, remote_type, aggregation = TYPES[pgtype]
        out.append("          <metadata-record class='column'>\n"
                   f"            <remote-name>{column}</remote-name>\n"
                   f"            <remote-type>{remote_type}</remote-type>\n"
                   f"            <local-name>[{column}]</local-name>\n"
                   f"            <parent-name>[{view}]</parent-name>\n"
                   f"            <remote-alias>{column}</remote-alias>\n"
                   f"            <ordinal>{ordinal}</ordinal>\n"
                   f"            <local-type>{datatype}</local-type>\n"
                   f"            <aggregation>{aggregation}</aggregation>\n"
                   "            <contains-null>true</contains-null>\n"
                   "          </metadata-record>\n")
    out.append("        </metadata-records>\n      </connection>\n      <aliases enabled='yes' />\n")
    for column, pgtype in VIEWS[view]:
        out.append(column_xml(column, pgtype, "      "))
    out.append("      <layout dim-ordering='alphabetic' measure-ordering='alphabetic' show-structure='true' />\n")
    out.append("    </datasource>\n")
    return "".join(out)


def sheet_fields(sheet):
    fields = list(sheet["rows"]) + list(sheet["cols"]) + list(sheet.get("tooltip", []))
    for key in ("color", "label"):
        if key in sheet:
            fields.append(sheet[key])
    if sheet["scope"]:
        fields.append(("none", "scope"))
    return list(dict.fromkeys(fields))


def worksheet_xml(sheet):
    view = sheet["view"]
    name = ds_name(view)
    columns = dict(VIEWS[view])
    fields = sheet_fields(sheet)
    out = [f"    <worksheet name={quoteattr(sheet['name'])}>\n",
           "      <table>\n        <view>\n          <datasources>\n",
           f"            <datasource caption={quoteattr('reporting.' + view)} name='{name}' />\n",
           "          </datasources>\n",
           f"          <datasource-dependencies datasource='{name}'>\n"]
    for column in dict.fromkeys(c for _, c in fields):
        out.append(column_xml(column, columns[column], "            "))
    for derivation, column in fields:
        out.append(f"            <column-instance column='[{column}]' derivation='{derivation.capitalize()}' "
                   f"name='{instance(derivation, column, view)}' pivot='key' type='{kind_of(derivation, column, view)}' />\n")
    out.append("          </datasource-dependencies>\n")
    if sheet["scope"]:
        out.append(f"          <filter class='categorical' column='{qualified('none', 'scope', view)}'>\n"
                   f"            <groupfilter function='member' level='{instance('none', 'scope', view)}' "
                   f"member='&quot;{sheet['scope']}&quot;' user:ui-domain='database' user:ui-enumeration='inclusive' "
                   "user:ui-marker='enumerate' />\n"
                   "          </filter>\n"
                   f"          <slices>\n            <column>{qualified('none', 'scope', view)}</column>\n          </slices>\n")
    out.append("          <aggregation value='true' />\n        </view>\n        <style />\n        <panes>\n"
               "          <pane selection-relaxation-option='selection-relaxation-allow'>\n"
               "            <view>\n              <breakdown value='auto' />\n            </view>\n"
               f"            <mark class='{sheet['mark']}' />\n            <encodings>\n")
    if "color" in sheet:
        out.append(f"              <color column='{qualified(*sheet['color'], view)}' />\n")
    if "label" in sheet:
        out.append(f"              <text column='{qualified(*sheet['label'], view)}' />\n")
    for field in sheet.get("tooltip", []):
        out.append(f"              <tooltip column='{qualified(*field, view)}' />\n")
    out.append("            </encodings>\n            <style>\n              <style-rule element='mark'>\n"
               "                <format attr='mark-labels-show' value='true' />\n"
               "              </style-rule>\n            </style>\n          </pane>\n        </panes>\n")
    rows = " / ".join(qualified(*f, view) for f in sheet["rows"])
    cols = " / ".join(qualified(*f, view) for f in sheet["cols"])
    out.append(f"        <rows>{rows}</rows>\n" if rows else "        <rows />\n")
    out.append(f"        <cols>{cols}</cols>\n" if cols else "        <cols />\n")
    out.append("      </table>\n")
    out.append(f"      <simple-id uuid='{{{str(uuid.uuid5(uuid.NAMESPACE_URL, 'studentmetrics/' + sheet['name'])).upper()}}}' />\n")
    out.append("    </worksheet>\n")
    return "".join(out)


def dashboard_xml(title, sheets):
    per_row = 2
    rows = (len(sheets) + per_row - 1) // per_row
    height = 100000 // rows
    out = [f"    <dashboard name={quoteattr(title)}>\n      <style />\n",
           "      <size maxheight='1600' maxwidth='1600' minheight='1000' minwidth='1200' sizing-mode='range' />\n",
           "      <zones>\n        <zone h='100000' id='1' type-v2='layout-basic' w='100000' x='0' y='0'>\n"]
    for i, sheet in enumerate(sheets):
        width = 100000 // per_row if len(sheets) > 1 else 100000
        out.append(f"          <zone h='{height}' id='{i + 2}' name={quoteattr(sheet['name'])} w='{width}' "
                   f"x='{(i % per_row) * width}' y='{(i // per_row) * height}'>\n"
                   "            <zone-style>\n              <format attr='border-color' value='#e2e6ec' />\n"
                   "              <format attr='border-style' value='solid' />\n"
                   "              <format attr='border-width' value='1' />\n"
                   "              <format attr='margin' value='4' />\n            </zone-style>\n          </zone>\n")
    out.append("        </zone>\n      </zones>\n")
    out.append(f"      <simple-id uuid='{{{str(uuid.uuid5(uuid.NAMESPACE_URL, 'studentmetrics/' + title)).upper()}}}' />\n")
    out.append("    </dashboard>\n")
    return "".join(out)


def workbook_xml(spec, conn):
    views = list(dict.fromkeys(s["view"] for s in spec["sheets"]))
    out = ["<?xml version='1.0' encoding='utf-8' ?>\n",
           "<!-- Generated by dashboards/build_workbooks.py from the reporting views; edit the script, not this file. -->\n",
           "<workbook original-version='18.1' source-build='2023.1.0 (20231.23.0324.0721)' source-platform='linux' "
           "version='18.1' xmlns:user='http://www.tableausoftware.com/xml/user'>\n",
           "  <preferences>\n    <preference name='ui.encoding.shelf.height' value='24' />\n"
           "    <preference name='ui.shelf.height' value='26' />\n  </preferences>\n",
           "  <datasources>\n"]
    out.extend(datasource_xml(view, conn) for view in views)
    out.append("  </datasources>\n  <worksheets>\n")
    out.extend(worksheet_xml(sheet) for sheet in spec["sheets"])
    out.append("  </worksheets>\n  <dashboards>\n")
    out.append(dashboard_xml(spec["dashboard"], spec["sheets"]))
    out.append("  </dashboards>\n  <windows source-height='30'>\n")
    out.append(f"    <window class='dashboard' maximized='true' name={quoteattr(spec['dashboard'])}>\n"
               "      <viewpoints />\n      <active id='-1' />\n    </window>\n")
    for sheet in spec["sheets"]:
        out.append(f"    <window class='worksheet' name={quoteattr(sheet['name'])}>\n      <cards>\n"
                   "        <edge name='left'>\n          <strip size='160'>\n"
                   "            <card type='pages' />\n            <card type='filters' />\n            <card type='marks' />\n"
                   "          </strip>\n        </edge>\n      </cards>\n    </window>\n")
    out.append("  </windows>\n</workbook>\n")
    return "".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default="localhost")
    parser.add_argument("--port", type=int, default=5432)
    parser.add_argument("--dbname", default="student_metrics")
    parser.add_argument("--user", default="student_metrics_reporting")
    parser.add_argument("--sslmode", default="require", choices=["disable", "allow", "prefer", "require"])
    parser.add_argument("--out", default=str(pathlib.Path(__file__).resolve().parent))
    args = parser.parse_args()
    conn = {"server": args.server, "port": args.port, "dbname": args.dbname, "user": args.user, "sslmode": args.sslmode}
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for file_name, spec in WORKBOOKS.items():
        (out / file_name).write_text(workbook_xml(spec, conn), encoding="utf-8")
        print(out / file_name)


if __name__ == "__main__":
    main()
