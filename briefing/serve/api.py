"""The API's rules as pure functions: who may act (the token) and what a request body says.

Every body is at most MAX_BODY bytes of JSON. `next`, `prev` and `blackout` take an empty body or
an object (`blackout` may say `{"on": true}`; without it, it toggles); `goto` takes
`{"slide": n}` with n a slide number. Anything else is an ApiError: the server answers 400 with
its message, and nothing moves.
"""

from __future__ import annotations

import hmac
import json
import secrets

MAX_BODY = 4096
TOKEN_BYTES = 16
"""128 bits, from `secrets`."""


class ApiError(ValueError):
    """A request the API refuses (400); the message says why, in one line."""


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def authorized(header: str | None, token: str) -> bool:
    """Whether an `Authorization` header carries the token (compared in constant time)."""
    if header is None:
        return False
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode("utf-8", "surrogatepass"), token.encode("ascii"))


def body_object(body: bytes) -> dict[str, object]:
    """The body as a JSON object; an empty body is an empty object."""
    if len(body) > MAX_BODY:
        raise ApiError(f"body over {MAX_BODY} bytes")
    if not body.strip():
        return {}
    try:
        value = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):  # bad UTF-8 and bad JSON are both ValueErrors
        raise ApiError("body is not JSON") from None
    if not isinstance(value, dict):
        raise ApiError("body must be a JSON object")
    return value


def no_arguments(body: bytes) -> None:
    """`next` and `prev`: an empty body or `{}`."""
    if body_object(body):
        raise ApiError("this takes no arguments")


def goto_slide(body: bytes, count: int) -> int:
    """The slide number (1-based) `{"slide": n}` names, in 1..count."""
    fields = body_object(body)
    if fields.keys() != {"slide"}:
        raise ApiError('expected {"slide": N}')
    number = fields["slide"]
    if type(number) is not int:  # not a bool, a float or a string
        raise ApiError("slide must be a whole number")
    if not 1 <= number <= count:
        raise ApiError(f"no slide {number}: slides are 1 to {count}")
    return number


def blackout_wanted(body: bytes, current: bool) -> bool:
    """`{"on": true|false}`, or toggle with an empty body or `{}`."""
    fields = body_object(body)
    if not fields:
        return not current
    if fields.keys() != {"on"} or type(fields["on"]) is not bool:
        raise ApiError('expected {"on": true} or {"on": false}, or no body to toggle')
    return bool(fields["on"])
