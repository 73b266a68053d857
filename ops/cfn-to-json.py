#!/usr/bin/env python3
"""Prints a CloudFormation template (YAML or JSON) as JSON, short tags (!Ref, !Sub, !GetAtt...) in their long form.

Uses cfn-lint's own decoder, the parser `make lint` already depends on, so tests read a template exactly as the
linter does.   usage: ops/cfn-to-json.py TEMPLATE
"""
import json
import sys

try:
    from cfnlint.decode import decode
except ImportError:
    sys.exit("cfn-to-json: cfn-lint is not installed (pip install cfn-lint)")

if len(sys.argv) != 2:
    sys.exit("usage: ops/cfn-to-json.py TEMPLATE")
template, problems = decode(sys.argv[1])
if problems or template is None:
    sys.exit("cfn-to-json: %s: %s" % (sys.argv[1], "; ".join(str(p) for p in problems) or "not a template"))
json.dump(template, sys.stdout, indent=1, sort_keys=False)
sys.stdout.write("\n")
