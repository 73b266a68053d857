"""IAM policy evaluation as AWS documents it, for the emulator's strict checks (moto ignores most conditions).

An action is allowed when some Allow statement matches it (action, resource and every condition) and no Deny
statement does. Conditions are evaluated against the request context the emulator can know; a condition key
the request does not carry is absent, exactly as in AWS: a positive operator on an absent key fails, a negated
one succeeds, and ...IfExists succeeds. Pure Python, no moto: unit-tested on its own (test_policy_evaluation.py).
"""
import fnmatch
import json

ALLOW, DENY, IMPLICIT_DENY = "allow", "deny", "implicit-deny"


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _glob(pattern, value, case_sensitive=True):
    """IAM wildcards: * any run of characters, ? one character; nothing else is special."""
    translated = pattern.replace("[", "[[]")
    if not case_sensitive:
        return fnmatch.fnmatchcase(value.lower(), translated.lower())
    return fnmatch.fnmatchcase(value, translated)


def _string_equals(expected, actual):
    return expected == actual


def _string_equals_ignore_case(expected, actual):
    return expected.lower() == actual.lower()


def _bool(expected, actual):
    return str(expected).lower() == str(actual).lower()


def _arn_like(expected, actual):
    return _glob(expected, actual)


_POSITIVE = {
    "StringEquals": _string_equals,
    "StringEqualsIgnoreCase": _string_equals_ignore_case,
    "StringLike": _glob,
    "ArnEquals": _string_equals,
    "ArnLike": _arn_like,
    "Bool": _bool,
}
_NEGATED = {
    "StringNotEquals": "StringEquals",
    "StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase",
    "StringNotLike": "StringLike",
    "ArnNotEquals": "ArnEquals",
    "ArnNotLike": "ArnLike",
}


def _condition_holds(operator, key, expected_values, context):
    """One operator/key pair of a Condition block. Unknown operators fail closed (an Allow does not apply)."""
    qualifier = None
    if ":" in operator and operator.split(":", 1)[0] in ("ForAnyValue", "ForAllValues"):
        qualifier, operator = operator.split(":", 1)
    if_exists = operator.endswith("IfExists")
    if if_exists:
        operator = operator[: -len("IfExists")]
    present = key in context
    actual_values = _as_list(context.get(key))
    expected_values = [str(v) for v in _as_list(expected_values)]
    if operator == "Null":
        wants_absent = str(expected_values[0]).lower() == "true"
        return wants_absent != present
    if not present:
        if if_exists or qualifier == "ForAllValues":
            return True
        return operator in _NEGATED
    negated = operator in _NEGATED
    compare = _POSITIVE.get(_NEGATED.get(operator, operator))
    if compare is None:
        return False

    def matches(actual):
        return any(compare(expected, str(actual)) for expected in expected_values)

    if qualifier == "ForAllValues":
        result = all(matches(a) for a in actual_values)
    else:
        result = any(matches(a) for a in actual_values)
    return not result if negated else result


def conditions_hold(conditions, context):
    for operator, keys in (conditions or {}).items():
        for key, expected in keys.items():
            if not _condition_holds(operator, key, expected, context):
                return False
    return True


def _statement_matches(statement, action, resource, context):
    if "NotAction" in statement:
        if any(_glob(p, action, case_sensitive=False) for p in _as_list(statement["NotAction"])):
            return False
    elif not any(_glob(p, action, case_sensitive=False) for p in _as_list(statement.get("Action"))):
        return False
    if "NotResource" in statement:
        if any(_glob(p, resource) for p in _as_list(statement["NotResource"])):
            return False
    elif not any(_glob(p, resource) for p in _as_list(statement.get("Resource"))):
        return False
    return conditions_hold(statement.get("Condition"), context)


def evaluate(policy_documents, action, resource, context=None):
    """ALLOW, DENY (an explicit Deny matched) or IMPLICIT_DENY, over identity policy documents (dicts or JSON text)."""
    context = context or {}
    allowed = False
    for document in policy_documents:
        if isinstance(document, str):
            document = json.loads(document)
        for statement in _as_list(document.get("Statement")):
            if not _statement_matches(statement, action, resource, context):
                continue
            if statement.get("Effect") == "Deny":
                return DENY
            if statement.get("Effect") == "Allow":
                allowed = True
    return ALLOW if allowed else IMPLICIT_DENY
