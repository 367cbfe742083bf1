"""Drives real Django for sessionkit's interoperability tests (dev.sessionkit.django).

Reads one JSON request from standard input and writes one JSON response to standard output:

    {"secret_key": "...", "operations": [{"op": "encode", "data": {...}, "time": 1700000000}, ...]}
    -> {"django": "3.2.25", "results": [...]}

Operations, each answered in order by one result:

    encode   {"data": {...}, "time": seconds}  -> the session_data Django's SessionStore().encode
             writes (django.core.signing.dumps with the sessions salt, compress=True), signed at
             that second
    decode   {"session_data": "..."}           -> {"data": {...}}, what SessionStore().decode reads
             ({} when the signature does not match, as Django logs "Session data corrupted")

Django is configured standalone (settings.configure), with the database backend's SessionStore.
"""
import json
import sys
import time
from unittest import mock

import django
from django.conf import settings


def main():
    request = json.load(sys.stdin)
    settings.configure(
        SECRET_KEY=request["secret_key"],
        INSTALLED_APPS=["django.contrib.sessions"],
        SESSION_ENGINE="django.contrib.sessions.backends.db",
        USE_TZ=True,
        # Django 3.2 only: make sure the current (sha256, django.core.signing) format is written,
        # not the pre-3.1 one; later Django versions have no such setting and write it always.
        **({"DEFAULT_HASHING_ALGORITHM": "sha256"} if django.VERSION < (4, 0) else {}),
    )
    django.setup()
    from django.contrib.sessions.backends.db import SessionStore

    results = []
    for operation in request["operations"]:
        op = operation["op"]
        if op == "encode":
            with mock.patch("time.time", return_value=float(operation["time"])):
                results.append(SessionStore().encode(operation["data"]))
        elif op == "decode":
            results.append({"data": SessionStore().decode(operation["session_data"])})
        else:
            raise ValueError("unknown operation %r" % op)
    json.dump({"django": django.get_version(), "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
